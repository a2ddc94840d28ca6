import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { QueryFailedError, QueryTimeoutError } from "../../../lib/aws/errors";
import {
  runAthenaQuery,
  type AthenaQueryOptions,
} from "../../../lib/aws/query-execution";
import { EnvironmentError } from "../../../lib/errors";
import {
  collectRows,
  executionIn,
  resultPage,
  serviceError,
} from "../../helpers/athena-results";
import { startFakeAws } from "../../helpers/fake-aws-server";

const athenaMock = mockClient(AthenaClient);

const COLUMNS = [
  { name: "country", type: "varchar" },
  { name: "users", type: "bigint" },
];

const OPTIONS: AthenaQueryOptions = {
  sql: "SELECT country, count(*) AS users FROM users WHERE dt = ? GROUP BY 1",
  parameters: ["'2026-11-02'"],
  workgroup: "analytics-dev",
  database: "analytics_dev",
  initialPollMs: 1,
  maxPollMs: 2,
};

beforeEach(() => {
  athenaMock.reset();
  athenaMock
    .on(StartQueryExecutionCommand)
    .resolves({ QueryExecutionId: "q-1" });
});

describe("runAthenaQuery", () => {
  it("starts the query with its parameters, workgroup and database", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(executionIn("SUCCEEDED"));
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(resultPage(COLUMNS, [], { header: true }));

    await runAthenaQuery(new AthenaClient({}), OPTIONS);

    expect(
      athenaMock.commandCalls(StartQueryExecutionCommand)[0].args[0].input,
    ).toEqual({
      QueryString: OPTIONS.sql,
      WorkGroup: "analytics-dev",
      QueryExecutionContext: { Database: "analytics_dev" },
      ExecutionParameters: ["'2026-11-02'"],
    });
  });

  it("leaves ExecutionParameters out for a query without parameters", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(executionIn("SUCCEEDED"));
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(resultPage(COLUMNS, [], { header: true }));

    await runAthenaQuery(new AthenaClient({}), { ...OPTIONS, parameters: [] });

    const input = athenaMock.commandCalls(StartQueryExecutionCommand)[0].args[0]
      .input;
    expect(input.ExecutionParameters).toBeUndefined();
  });

  it("polls until the query succeeds and reports each state", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolvesOnce(executionIn("QUEUED"))
      .resolvesOnce(executionIn("RUNNING", { bytes: 100 }))
      .resolves(executionIn("SUCCEEDED", { bytes: 2048 }));
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(resultPage(COLUMNS, [], { header: true }));
    const states: string[] = [];

    const run = await runAthenaQuery(new AthenaClient({}), {
      ...OPTIONS,
      onProgress: (p) => states.push(`${p.state}:${p.bytesScanned}`),
    });

    expect(states).toEqual(["QUEUED:0", "RUNNING:100", "SUCCEEDED:2048"]);
    expect(run.executionId).toBe("q-1");
    expect(run.bytesScanned).toBe(2048);
    expect(run.engineMillis).toBe(1200);
  });

  it("streams every result page, skipping the header row of the first", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(executionIn("SUCCEEDED"));
    athenaMock
      .on(GetQueryResultsCommand, { NextToken: undefined })
      .resolves(
        resultPage(
          COLUMNS,
          [
            ["DE", "3"],
            ["FR", null],
          ],
          { header: true, nextToken: "p2" },
        ),
      )
      .on(GetQueryResultsCommand, { NextToken: "p2" })
      .resolves(
        resultPage(COLUMNS, [["US", "9007199254740993"]], { nextToken: "p3" }),
      )
      .on(GetQueryResultsCommand, { NextToken: "p3" })
      .resolves(resultPage(COLUMNS, [[null, "1"]]));

    const run = await runAthenaQuery(new AthenaClient({}), OPTIONS);

    expect(run.result.columns).toEqual(COLUMNS);
    expect(await collectRows(run.result.rows)).toEqual([
      ["DE", 3],
      ["FR", null],
      ["US", "9007199254740993"],
      [null, 1],
    ]);
    expect(athenaMock.commandCalls(GetQueryResultsCommand)).toHaveLength(3);
  });

  it("keeps the first row of a statement that has no header row", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolves(executionIn("SUCCEEDED", { statementType: "UTILITY" }));
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(
        resultPage(
          [{ name: "tab_name", type: "varchar" }],
          [["users"], ["apps"]],
        ),
      );

    const run = await runAthenaQuery(new AthenaClient({}), OPTIONS);

    expect(await collectRows(run.result.rows)).toEqual([["users"], ["apps"]]);
  });

  it("fails with Athena's reason when the query fails", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(
      executionIn("FAILED", {
        reason:
          "COLUMN_NOT_FOUND: line 1:8: Column 'contry' cannot be resolved",
      }),
    );

    await expect(runAthenaQuery(new AthenaClient({}), OPTIONS)).rejects.toThrow(
      new QueryFailedError(
        "q-1",
        "FAILED",
        "COLUMN_NOT_FOUND: line 1:8: Column 'contry' cannot be resolved",
      ),
    );
    expect(new QueryFailedError("q-1", "FAILED", "x").message).toBe(
      "Athena query q-1 ended FAILED: x",
    );
  });

  it("fails when the query was cancelled", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolves(
        executionIn("CANCELLED", { reason: "Query cancelled by user" }),
      );

    await expect(runAthenaQuery(new AthenaClient({}), OPTIONS)).rejects.toThrow(
      "Athena query q-1 ended CANCELLED: Query cancelled by user",
    );
  });

  it("fails with the data the query scanned before it ended", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(
      executionIn("CANCELLED", {
        reason: "Bytes scanned limit was exceeded",
        bytes: 3 * 2 ** 30,
      }),
    );

    const error: unknown = await runAthenaQuery(
      new AthenaClient({}),
      OPTIONS,
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError).state).toBe("CANCELLED");
    expect((error as QueryFailedError).bytesScanned).toBe(3 * 2 ** 30);
  });

  it("stops the query and fails when it runs past the timeout", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(executionIn("RUNNING"));
    athenaMock.on(StopQueryExecutionCommand).resolves({});

    await expect(
      runAthenaQuery(new AthenaClient({}), {
        ...OPTIONS,
        initialPollMs: 20,
        maxPollMs: 20,
        timeoutMs: 50,
      }),
    ).rejects.toThrow(new QueryTimeoutError("q-1", 50));
    expect(new QueryTimeoutError("q-1", 50).message).toBe(
      "Athena query q-1 did not finish within 0 s and was stopped: raise --timeout or narrow the query (fewer partitions).",
    );
    expect(
      athenaMock.commandCalls(StopQueryExecutionCommand)[0].args[0].input,
    ).toEqual({
      QueryExecutionId: "q-1",
    });
  });

  it("waits the whole timeout, shortening the last sleep, and polls once more at the end", async () => {
    const polls: number[] = [];
    athenaMock.on(GetQueryExecutionCommand).callsFake(() => {
      polls.push(Date.now());
      return executionIn("RUNNING", { bytes: 512 });
    });
    athenaMock.on(StopQueryExecutionCommand).resolves({});
    const started = Date.now();

    const error: unknown = await runAthenaQuery(new AthenaClient({}), {
      ...OPTIONS,
      initialPollMs: 80,
      maxPollMs: 80,
      timeoutMs: 100,
    }).catch((e: unknown) => e);

    // Polls at about 0, 80 and 100 ms: a full delay would overshoot the
    // timeout, so the second sleep lasts only the 20 ms left.
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as QueryTimeoutError).bytesScanned).toBe(512);
    expect(polls).toHaveLength(3);
    expect(polls[2] - started).toBeGreaterThanOrEqual(99);
    expect(polls[2] - polls[1]).toBeLessThan(60);
  });

  it("returns a query that succeeds at the last poll before the timeout", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolvesOnce(executionIn("RUNNING"))
      .resolves(executionIn("SUCCEEDED"));
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(resultPage(COLUMNS, [], { header: true }));

    const run = await runAthenaQuery(new AthenaClient({}), {
      ...OPTIONS,
      initialPollMs: 80,
      maxPollMs: 80,
      timeoutMs: 30,
    });

    expect(run.executionId).toBe("q-1");
    expect(athenaMock.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });

  it("stops the query when interrupted and rejects with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("interrupted");
    athenaMock.on(GetQueryExecutionCommand).callsFake(() => {
      controller.abort(reason);
      return executionIn("RUNNING");
    });
    athenaMock.on(StopQueryExecutionCommand).resolves({});

    await expect(
      runAthenaQuery(new AthenaClient({}), {
        ...OPTIONS,
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
    expect(athenaMock.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
  });

  it("backs off between polls, doubling up to the maximum", async () => {
    const polls: number[] = [];
    let n = 0;
    athenaMock.on(GetQueryExecutionCommand).callsFake(() => {
      polls.push(Date.now());
      n += 1;
      return executionIn(n < 5 ? "RUNNING" : "SUCCEEDED");
    });
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(resultPage(COLUMNS, [], { header: true }));

    await runAthenaQuery(new AthenaClient({}), {
      ...OPTIONS,
      initialPollMs: 10,
      maxPollMs: 40,
    });

    const gaps = polls.slice(1).map((t, i) => t - polls[i]);
    // Delays of 10, 20, 40, 40 ms; timers may fire a little late, never early.
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(39);
    expect(gaps[3]).toBeGreaterThanOrEqual(39);
    expect(gaps[3]).toBeLessThan(gaps[2] + 30);
  });
});

describe("runAthenaQuery error mapping", () => {
  it("fails with one clear line when the workgroup does not exist", async () => {
    athenaMock
      .on(StartQueryExecutionCommand)
      .rejects(
        serviceError(
          "InvalidRequestException",
          "WorkGroup analytics-dev is not found.",
        ),
      );

    await expect(
      runAthenaQuery(new AthenaClient({}), { ...OPTIONS, region: "eu-west-1" }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Workgroup "analytics-dev" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION. AWS said: WorkGroup analytics-dev is not found.',
      ),
    );
  });
});

describe("runAthenaQuery against the JSON protocol", () => {
  beforeEach(() => athenaMock.restore());
  afterEach(() => {
    athenaMock.reset();
  });

  it("retries a throttled call through the SDK and then succeeds", async () => {
    let throttled = 0;
    const server = await startFakeAws((call) => {
      if (call.operation === "StartQueryExecution") {
        if (throttled < 2) {
          throttled += 1;
          return { error: "ThrottlingException", message: "Rate exceeded" };
        }
        return { body: { QueryExecutionId: "q-9" } };
      }
      if (call.operation === "GetQueryExecution") {
        return { body: executionIn("SUCCEEDED") as Record<string, unknown> };
      }
      return {
        body: resultPage(COLUMNS, [["DE", "1"]], { header: true }) as Record<
          string,
          unknown
        >,
      };
    });
    try {
      const client = new AthenaClient({
        region: "eu-west-1",
        endpoint: server.url,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      const run = await runAthenaQuery(client, OPTIONS);
      expect(await collectRows(run.result.rows)).toEqual([["DE", 1]]);
      expect(server.calls.map((c) => c.operation)).toEqual([
        "StartQueryExecution",
        "StartQueryExecution",
        "StartQueryExecution",
        "GetQueryExecution",
        "GetQueryResults",
      ]);
    } finally {
      await server.close();
    }
  });
});
