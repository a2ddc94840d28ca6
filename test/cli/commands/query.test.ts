import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../cli/main";
import { Interrupted } from "../../../cli/signals";
import { mockNamedQueries } from "../../helpers/athena-mock";
import { executionIn, resultPage } from "../../helpers/athena-results";
import { TestContext, testContext } from "../../helpers/cli-context";
import {
  LOCAL_FRESHNESS_ARGS,
  USERS_BY_COUNTRY_ARGS,
  queryRunArgs,
} from "../../helpers/lake-args";

const athenaMock = mockClient(AthenaClient);

const COLUMNS = [
  { name: "country", type: "varchar" },
  { name: "users", type: "bigint" },
];

const USERS_BY_COUNTRY = {
  NamedQueryId: "id-1",
  Name: "users_by_country",
  Database: "analytics_dev",
  WorkGroup: "analytics-dev",
  Description:
    "How many users changed in each country on one day.\nVersion 2. Parameters: dt varchar, e.g. '2026-11-02'.",
  QueryString:
    "SELECT country, count(*) AS users FROM users WHERE dt = ? GROUP BY 1",
};

const NO_DESCRIPTION = {
  NamedQueryId: "id-2",
  Name: "top_n",
  Database: "analytics_dev",
  QueryString: "SELECT * FROM apps WHERE dt = ? LIMIT ?",
};

beforeEach(() => {
  athenaMock.reset();
  mockNamedQueries(athenaMock, [USERS_BY_COUNTRY, NO_DESCRIPTION]);
});

/** Runs users_by_country on dev for 2026-11-02, then the further arguments. */
function runQuery(context: TestContext, ...more: string[]): Promise<number> {
  return main([...USERS_BY_COUNTRY_ARGS, ...more], context);
}

/** Runs data_freshness on the fixture lake, then the further arguments. */
function runLocal(context: TestContext, ...more: string[]): Promise<number> {
  return main([...LOCAL_FRESHNESS_ARGS, ...more], context);
}

/** Stderr without the progress lines of users_by_country, which show elapsed time. */
function withoutProgress(stderr: string): string {
  return stderr.replace(/^Query users_by_country \(q-1\): .*\n/gm, "");
}

/** Cost line of a query that scanned up to 10 MB: the minimum charge. */
const MINIMUM_COST = "about USD 0.000048 (USD 5 per TB, 10.0 MB minimum)";

function succeedWith(rows: (string | null)[][]): void {
  athenaMock
    .on(GetQueryExecutionCommand)
    .resolvesOnce(executionIn("RUNNING", { bytes: 1024 }))
    .resolves(executionIn("SUCCEEDED", { bytes: 50 * 2 ** 20 }));
  athenaMock
    .on(GetQueryResultsCommand)
    .resolves(resultPage(COLUMNS, rows, { header: true }));
}

describe("lake query list", () => {
  it("lists the workgroup's named queries with version and summary", async () => {
    const context = testContext();

    await expect(
      main(["query", "list", "--env", "dev"], context),
    ).resolves.toBe(0);

    expect(
      athenaMock.commandCalls(ListNamedQueriesCommand)[0].args[0].input
        .WorkGroup,
    ).toBe("analytics-dev");
    expect(context.stdout.text).toBe(
      [
        "name              version  description",
        "----------------  -------  --------------------------------------------------",
        "top_n",
        "users_by_country  2        How many users changed in each country on one day.",
        "",
      ].join("\n"),
    );
    expect(context.stderr.text).toBe(
      "2 named queries in workgroup analytics-dev (eu-west-1).\n",
    );
  });

  it("counts a single named query in the singular", async () => {
    athenaMock.reset();
    mockNamedQueries(athenaMock, [USERS_BY_COUNTRY]);
    const context = testContext();

    await expect(
      main(["query", "list", "--env", "dev"], context),
    ).resolves.toBe(0);

    expect(context.stderr.text).toBe(
      "1 named query in workgroup analytics-dev (eu-west-1).\n",
    );
  });

  it("lists the query files with --local", async () => {
    const context = testContext();

    await expect(main(["query", "list", "--local"], context)).resolves.toBe(0);

    expect(context.stdout.text).toMatch(/^name +version +description\n/);
    expect(context.stdout.text).toMatch(
      /\nusers_by_country +1 +How many distinct users/,
    );
    expect(athenaMock.calls()).toHaveLength(0);
  });

  it("rejects --env together with --local", async () => {
    const context = testContext();

    await expect(
      main(["query", "list", "--env", "dev", "--local"], context),
    ).resolves.toBe(2);

    expect(context.stderr.text).toBe(
      "error: Give exactly one of --env and --local, got both: e.g. lake query list --env dev\n",
    );
  });
});

describe("lake query run", () => {
  it("runs the named query with typed parameters and prints a table", async () => {
    succeedWith([
      ["DE", "3"],
      ["FR", null],
    ]);
    const context = testContext();

    await expect(runQuery(context)).resolves.toBe(0);

    expect(
      athenaMock.commandCalls(StartQueryExecutionCommand)[0].args[0].input,
    ).toEqual({
      QueryString: USERS_BY_COUNTRY.QueryString,
      WorkGroup: "analytics-dev",
      QueryExecutionContext: { Database: "analytics_dev" },
      ExecutionParameters: ["'2026-11-02'"],
    });
    expect(context.stdout.text).toBe(
      [
        "country  users",
        "-------  -----",
        "DE           3",
        "FR       NULL",
        "",
      ].join("\n"),
    );
    expect(context.stderr.text).toMatch(
      new RegExp(
        "^Query users_by_country \\(q-1\\): RUNNING, \\d+ ms, 1\\.00 KB scanned\n" +
          "Query users_by_country \\(q-1\\): SUCCEEDED, \\d+ ms, 50\\.0 MB scanned\n" +
          "2 rows; 50\\.0 MB scanned, about USD 0\\.00024 \\(USD 5 per TB, 10\\.0 MB minimum\\); engine time 1\\.2 s; query q-1\n$",
      ),
    );
  });

  it("counts one row in the singular and shows the minimum charge", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolves(executionIn("SUCCEEDED", { bytes: 1024 }));
    athenaMock
      .on(GetQueryResultsCommand)
      .resolves(resultPage(COLUMNS, [["DE", "3"]], { header: true }));
    const context = testContext();

    await expect(runQuery(context)).resolves.toBe(0);

    expect(withoutProgress(context.stderr.text)).toBe(
      `1 row; 1.00 KB scanned, ${MINIMUM_COST}; engine time 1.2 s; query q-1\n`,
    );
  });

  it("prints JSON with typed values", async () => {
    succeedWith([
      ["DE", "3"],
      ["FR", null],
    ]);
    const context = testContext();

    await expect(runQuery(context, "--format", "json")).resolves.toBe(0);

    expect(JSON.parse(context.stdout.text)).toEqual([
      { country: "DE", users: 3 },
      { country: "FR", users: null },
    ]);
  });

  it("writes CSV to --output and nothing to stdout", async () => {
    succeedWith([["DE", "3"]]);
    const context = testContext();
    const file = join(mkdtempSync(join(tmpdir(), "lake-run-")), "out.csv");

    await expect(
      runQuery(context, "--format", "csv", "--output", file),
    ).resolves.toBe(0);

    expect(readFileSync(file, "utf8")).toBe("country,users\r\nDE,3\r\n");
    expect(context.stdout.text).toBe("");
  });

  it("counts the ? markers and passes literals when the description lists no parameters", async () => {
    succeedWith([]);
    const context = testContext();

    await expect(
      main(
        queryRunArgs("top_n", "--param", "2026-11-02", "--param", "10"),
        context,
      ),
    ).resolves.toBe(0);

    const input = athenaMock.commandCalls(StartQueryExecutionCommand)[0].args[0]
      .input;
    expect(input.ExecutionParameters).toEqual(["'2026-11-02'", "10"]);
  });

  it("rejects a wrong number of parameters before starting the query", async () => {
    const context = testContext();

    await expect(main(queryRunArgs("users_by_country"), context)).resolves.toBe(
      2,
    );

    expect(context.stderr.text).toBe(
      "error: Query users_by_country takes 1 parameter, got 0 --param values. Pass one --param per parameter, in this order:\n  - dt varchar, e.g. '2026-11-02'\n",
    );
    expect(athenaMock.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("rejects a wrong number of values for the ? markers", async () => {
    const context = testContext();

    await expect(
      main(queryRunArgs("top_n", "--param", "x"), context),
    ).resolves.toBe(2);

    expect(context.stderr.text).toBe(
      "error: Query top_n has 2 ? parameters, got 1 --param value: pass one --param per ?, in order.\n",
    );
  });

  it("rejects an unknown query name", async () => {
    const context = testContext();

    await expect(main(queryRunArgs("users"), context)).resolves.toBe(2);

    expect(context.stderr.text).toBe(
      'error: No named query "users" in workgroup "analytics-dev": did you mean "users_by_country"?\n',
    );
  });

  it("fails with Athena's reason when the query fails, leaving no output file", async () => {
    athenaMock.on(GetQueryExecutionCommand).resolves(
      executionIn("FAILED", {
        reason: "TABLE_NOT_FOUND: line 1:36: Table 'users' does not exist",
      }),
    );
    const context = testContext();
    const dir = mkdtempSync(join(tmpdir(), "lake-run-"));

    await expect(
      runQuery(context, "--output", join(dir, "out.csv")),
    ).resolves.toBe(1);

    expect(withoutProgress(context.stderr.text)).toBe(
      "Query q-1 ended FAILED after 0 B scanned, not billed (Athena does not charge for failed queries).\n" +
        "error: Athena query q-1 ended FAILED: TABLE_NOT_FOUND: line 1:36: Table 'users' does not exist\n",
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("fails when the query was cancelled", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolves(
        executionIn("CANCELLED", { reason: "Query cancelled by user" }),
      );
    const context = testContext();

    await expect(runQuery(context)).resolves.toBe(1);

    expect(withoutProgress(context.stderr.text)).toBe(
      `Query q-1 ended CANCELLED after 0 B scanned, ${MINIMUM_COST}.\n` +
        "error: Athena query q-1 ended CANCELLED: Query cancelled by user\n",
    );
  });

  it("reports the data scanned and its cost when the bytes-scanned cutoff cancels the query", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolvesOnce(executionIn("RUNNING", { bytes: 2 ** 30 }))
      .resolves(
        executionIn("CANCELLED", {
          reason: "Query cancelled! : Bytes scanned limit was exceeded",
          bytes: 10 * 2 ** 30,
        }),
      );
    const context = testContext();

    await expect(runQuery(context)).resolves.toBe(1);

    expect(withoutProgress(context.stderr.text)).toBe(
      "Query q-1 ended CANCELLED after 10.0 GB scanned, about USD 0.049 (USD 5 per TB, 10.0 MB minimum).\n" +
        "error: Athena query q-1 ended CANCELLED: Query cancelled! : Bytes scanned limit was exceeded\n",
    );
  });

  it("reports the data scanned by the last poll when the timeout stops the query", async () => {
    athenaMock
      .on(GetQueryExecutionCommand)
      .resolves(executionIn("RUNNING", { bytes: 1024 }));
    athenaMock.on(StopQueryExecutionCommand).resolves({});
    const context = testContext();

    await expect(runQuery(context, "--timeout", "1")).resolves.toBe(1);

    expect(athenaMock.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
    expect(withoutProgress(context.stderr.text)).toBe(
      `Stopped Athena query q-1 after 1.00 KB scanned, ${MINIMUM_COST}.\n` +
        "error: Athena query q-1 did not finish within 1 s and was stopped: raise --timeout or narrow the query (fewer partitions).\n",
    );
  });

  it("stops the Athena query on Ctrl-C and exits 130", async () => {
    const context = testContext();
    athenaMock.on(GetQueryExecutionCommand).callsFake(() => {
      context.interruptNow(new Interrupted());
      return executionIn("RUNNING", { bytes: 20 * 2 ** 20 });
    });
    athenaMock.on(StopQueryExecutionCommand).resolves({});

    await expect(runQuery(context)).resolves.toBe(130);

    expect(
      athenaMock.commandCalls(StopQueryExecutionCommand)[0].args[0].input,
    ).toEqual({
      QueryExecutionId: "q-1",
    });
    expect(withoutProgress(context.stderr.text)).toBe(
      "Stopped Athena query q-1 after 20.0 MB scanned, about USD 0.000095 (USD 5 per TB, 10.0 MB minimum).\n" +
        "Interrupted.\n",
    );
  });

  it("on Ctrl-C while rows stream, exits 130 without stopping the finished query", async () => {
    const context = testContext();
    athenaMock.on(GetQueryExecutionCommand).resolves(executionIn("SUCCEEDED"));
    athenaMock.on(GetQueryResultsCommand).callsFake(() => {
      context.interruptNow(new Interrupted());
      return resultPage(COLUMNS, [["DE", "1"]], {
        header: true,
        nextToken: "p2",
      });
    });

    await expect(runQuery(context)).resolves.toBe(130);

    expect(athenaMock.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
    expect(athenaMock.commandCalls(GetQueryResultsCommand)).toHaveLength(1);
    expect(context.stderr.text).not.toContain("Stopped");
    expect(context.stderr.text).toMatch(/\nInterrupted\.\n$/);
  });

  it("on Ctrl-C during a local run, exits 130 and leaves no output file", async () => {
    const context = testContext();
    const dir = mkdtempSync(join(tmpdir(), "lake-run-"));
    context.interruptNow(new Interrupted());

    await expect(
      runLocal(context, "--output", join(dir, "out.csv")),
    ).resolves.toBe(130);

    expect(readdirSync(dir)).toEqual([]);
  });

  it("runs on a local lake with --local", async () => {
    const context = testContext();

    await expect(runLocal(context, "--format", "csv")).resolves.toBe(0);

    expect(context.stdout.text).toMatch(
      /^dataset,latest_dt,latest_row_count,partition_count,days_old\r\napps,2026-11-16,4,3,\d+\r\nusers,2026-11-16,2,4,\d+\r\n$/,
    );
    expect(athenaMock.calls()).toHaveLength(0);
  });
});

describe("lake query check", () => {
  it("runs every query file on a local lake and prints one line each", async () => {
    const context = testContext();

    await expect(
      main(["query", "check", "--local", "test/fixtures/lake"], context),
    ).resolves.toBe(0);

    const lines = context.stdout.text.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines)
      expect(line).toMatch(/^ok {4}[a-z_]+ +[\d.]+ m?s {2}(1 row|\d+ rows)$/);
    expect(context.stderr.text).toMatch(
      /^\d+ named queries ran on test\/fixtures\/lake\.\n$/,
    );
  });

  it("fails naming the queries that fail, after running all of them", async () => {
    const context = testContext();

    await expect(
      main(
        [
          "query",
          "check",
          "--local",
          "test/fixtures/lake",
          "--queries",
          "test/fixtures/cli/queries",
        ],
        context,
      ),
    ).resolves.toBe(1);

    const lines = context.stdout.text.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^FAIL {2}misspelled_column +[\d.]+ m?s {2}Query misspelled_column \(test\/fixtures\/cli\/queries\/users\/misspelled_column\.sql\) failed on the local lake: Binder Error: Referenced column "contry" not found/,
    );
    expect(lines[1]).toMatch(/^ok {4}users_per_day +[\d.]+ m?s {2}4 rows$/);
    expect(context.stderr.text).toBe(
      "error: 1 of 2 named queries failed on the local lake test/fixtures/lake: misspelled_column; see the FAIL lines above.\n",
    );
  });
});
