import { join } from "node:path";
import { checkQueries } from "../../../lib/local/check";
import {
  LOCAL_QUERY_VARIABLES,
  LocalLake,
  openLocalLake,
} from "../../../lib/local/lake";
import { loadQueries } from "../../../lib/queries/loader";
import { parseSampleOptions, writeSampleLake } from "../../../lib/sample/write";
import { FIXTURE_LAKE, namedQuery, tempDir } from "../../helpers/local-lake";

let lake: LocalLake;
beforeAll(async () => {
  lake = await openLocalLake(FIXTURE_LAKE);
});
afterAll(() => lake.close());

describe("checkQueries", () => {
  test("runs each query with its example parameters and counts its rows", async () => {
    const queries = [
      namedQuery(
        "SELECT user_id FROM users WHERE dt = ?",
        [{ name: "dt", type: "varchar", example: "'2026-11-14'" }],
        "by_day",
      ),
      namedQuery(
        "SELECT app_id FROM apps WHERE dt = ? LIMIT ?",
        [
          { name: "dt", type: "varchar", example: "'2026-11-16'" },
          { name: "n", type: "bigint", example: "2" },
        ],
        "limited",
      ),
    ];
    const checks = await checkQueries(lake, queries);
    expect(
      checks.map(({ name, rows, error }) => ({ name, rows, error })),
    ).toEqual([
      { name: "by_day", rows: 3, error: undefined },
      { name: "limited", rows: 2, error: undefined },
    ]);
    for (const check of checks) expect(check.millis).toBeGreaterThanOrEqual(0);
  });

  test("reports a failing query in its entry and still runs the others", async () => {
    const checks = await checkQueries(lake, [
      namedQuery("SELECT nope() FROM users", [], "bad"),
      namedQuery("SELECT 1", [], "good"),
    ]);
    expect(checks[0]).toMatchObject({
      name: "bad",
      rows: 0,
      error:
        "Query bad uses the function nope(), which the local engine cannot run: neither DuckDB nor the compatibility layer in lib/local/compat.ts provides it. Run it on Athena with --env, or rewrite it without the function nope().",
    });
    expect(checks[1]).toMatchObject({ name: "good", rows: 1 });
  });
});

describe("checkQueries on a default sample lake", () => {
  test("runs every named query with its examples and each returns rows", async () => {
    const out = join(tempDir(), "lake");
    await writeSampleLake(parseSampleOptions({ out }));
    const queries = loadQueries({
      directory: join(__dirname, "..", "..", "..", "queries"),
      variables: LOCAL_QUERY_VARIABLES,
    });
    const sample = await openLocalLake(out);
    try {
      const checks = await checkQueries(sample, queries);
      expect(checks.filter((c) => c.error !== undefined)).toEqual([]);
      expect(checks.filter((c) => c.rows === 0).map((c) => c.name)).toEqual([]);
      expect(checks).toHaveLength(queries.length);
    } finally {
      sample.close();
    }
  });
});
