/**
 * Runs the real `lake` process (`node bin/lake.js`) against a local server
 * speaking the Athena and Glue JSON protocol, reached through the SDK's
 * standard AWS_ENDPOINT_URL_* variables with dummy credentials.
 */

import { execFile, spawn } from "node:child_process";
import { executionIn, resultPage } from "../helpers/athena-results";
import {
  startFakeAws,
  type FakeAws,
  type FakeAwsCall,
  type FakeAwsReply,
} from "../helpers/fake-aws-server";
import { USERS_BY_COUNTRY_ARGS, queryRunArgs } from "../helpers/lake-args";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const NAMED_QUERY = {
  NamedQueryId: "id-1",
  Name: "users_by_country",
  Database: "analytics_dev",
  WorkGroup: "analytics-dev",
  Description:
    "How many users changed in each country on one day.\nVersion 1. Parameters: dt varchar, e.g. '2026-11-02'.",
  QueryString:
    "SELECT country, count(*) AS users FROM users WHERE dt = ? GROUP BY 1",
};

const COLUMNS = [
  { name: "country", type: "varchar" },
  { name: "users", type: "bigint" },
];

let server: FakeAws;
let reply: (call: FakeAwsCall) => FakeAwsReply;

beforeAll(async () => {
  server = await startFakeAws((call) => reply(call));
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.calls.length = 0;
});

function lakeEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "eu-west-1",
    AWS_CONFIG_FILE: "/nonexistent/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
    AWS_ENDPOINT_URL_ATHENA: server.url,
    AWS_ENDPOINT_URL_GLUE: server.url,
  };
}

function lake(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "node",
      ["bin/lake.js", ...args],
      { env: lakeEnv() },
      (error, stdout, stderr) => {
        const code = error
          ? Number((error as { code?: unknown }).code ?? 1)
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function athena(state: "SUCCEEDED" | "FAILED", reason?: string) {
  let polls = 0;
  return (call: FakeAwsCall): FakeAwsReply => {
    switch (call.operation) {
      case "ListNamedQueries":
        return { body: { NamedQueryIds: ["id-1"] } };
      case "BatchGetNamedQuery":
        return {
          body: { NamedQueries: [NAMED_QUERY], UnprocessedNamedQueryIds: [] },
        };
      case "StartQueryExecution":
        return { body: { QueryExecutionId: "q-42" } };
      case "GetQueryExecution":
        polls += 1;
        return {
          body: executionIn(polls === 1 ? "RUNNING" : state, {
            reason,
            bytes: 3 * 2 ** 20,
          }) as Record<string, unknown>,
        };
      case "GetQueryResults":
        return call.body.NextToken
          ? {
              body: resultPage(COLUMNS, [["FR", "2"]]) as Record<
                string,
                unknown
              >,
            }
          : {
              body: resultPage(COLUMNS, [["DE", "3"]], {
                header: true,
                nextToken: "page-2",
              }) as Record<string, unknown>,
            };
      default:
        return {
          error: "InvalidRequestException",
          message: `unexpected ${call.operation}`,
        };
    }
  };
}

describe("the lake process", () => {
  it("runs a named query on Athena and prints JSON, progress on stderr", async () => {
    reply = athena("SUCCEEDED");

    const run = await lake([...USERS_BY_COUNTRY_ARGS, "--format", "json"]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { country: "DE", users: 3 },
      { country: "FR", users: 2 },
    ]);
    expect(run.stderr).toMatch(
      /^Query users_by_country \(q-42\): RUNNING, [\d.]+ m?s, 3\.00 MB scanned\nQuery users_by_country \(q-42\): SUCCEEDED, [\d.]+ m?s, 3\.00 MB scanned\n2 rows; 3\.00 MB scanned, about USD 0\.000048 \(USD 5 per TB, 10\.0 MB minimum\); engine time 1\.2 s; query q-42\n$/,
    );
    const start = server.calls.find(
      (c) => c.operation === "StartQueryExecution",
    );
    expect(start?.body).toEqual({
      QueryString: NAMED_QUERY.QueryString,
      WorkGroup: "analytics-dev",
      QueryExecutionContext: { Database: "analytics_dev" },
      ExecutionParameters: ["'2026-11-02'"],
      ClientRequestToken: expect.any(String),
    });
  });

  it("exits 1 with Athena's reason when the query fails", async () => {
    reply = athena(
      "FAILED",
      "TABLE_NOT_FOUND: line 1:36: Table 'users' does not exist",
    );

    const run = await lake(USERS_BY_COUNTRY_ARGS);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /\nerror: Athena query q-42 ended FAILED: TABLE_NOT_FOUND: line 1:36: Table 'users' does not exist\n$/,
    );
  });

  it("exits 2 naming the query when it does not exist", async () => {
    reply = athena("SUCCEEDED");

    const run = await lake(queryRunArgs("revenue"));

    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'error: No named query "revenue" in workgroup "analytics-dev": run "lake query list --env dev" to see the names.\n',
    });
  });

  it("runs the crawler through the Glue endpoint", async () => {
    // Glue's clock, an hour behind this machine's: only changes count.
    const previousStart = Date.now() / 1000 - 7200;
    let started = false;
    reply = (call) => {
      switch (call.operation) {
        case "StartCrawler":
          started = true;
          return { body: {} };
        case "GetCrawler":
          return {
            body: {
              Crawler: {
                Name: "analytics-dev-raw",
                State: "READY",
                LastCrawl: {
                  Status: started ? "SUCCEEDED" : "FAILED",
                  StartTime: previousStart + (started ? 3600 : 0),
                },
              },
            },
          };
        case "GetCrawlerMetrics":
          return {
            body: {
              CrawlerMetricsList: [
                {
                  CrawlerName: "analytics-dev-raw",
                  LastRuntimeSeconds: 42,
                  TablesCreated: 2,
                  TablesUpdated: 0,
                  TablesDeleted: 0,
                },
              ],
            },
          };
        default:
          return {
            error: "InvalidInputException",
            message: `unexpected ${call.operation}`,
          };
      }
    };

    const run = await lake(["crawl", "--env", "dev"]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "Crawler analytics-dev-raw: SUCCEEDED in 42.0 s\nTables created: 2, updated: 0, deleted: 0\n",
    );
    expect(server.calls.map((c) => c.operation)).toEqual([
      "GetCrawler",
      "StartCrawler",
      "GetCrawler",
      "GetCrawlerMetrics",
    ]);
  });

  it("stops the Athena query on Ctrl-C and exits 130", async () => {
    let stopped = false;
    let polled: () => void = () => undefined;
    const firstPoll = new Promise<void>((resolve) => (polled = resolve));
    const base = athena("SUCCEEDED");
    reply = (call) => {
      if (call.operation === "GetQueryExecution") {
        polled();
        return {
          body: executionIn(stopped ? "CANCELLED" : "RUNNING") as Record<
            string,
            unknown
          >,
        };
      }
      if (call.operation === "StopQueryExecution") {
        stopped = true;
        return { body: {} };
      }
      return base(call);
    };
    const child = spawn("node", ["bin/lake.js", ...USERS_BY_COUNTRY_ARGS], {
      env: lakeEnv(),
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", resolve),
    );

    await firstPoll;
    child.kill("SIGINT");
    const code = await exited;

    expect(code).toBe(130);
    expect(stopped).toBe(true);
    expect(
      server.calls.find((c) => c.operation === "StopQueryExecution")?.body,
    ).toEqual({
      QueryExecutionId: "q-42",
    });
    expect(stderr).toMatch(
      /\nStopped Athena query q-42 after 0 B scanned, about USD 0\.000048 \(USD 5 per TB, 10\.0 MB minimum\)\.\nInterrupted\.\n$/,
    );
  });
});
