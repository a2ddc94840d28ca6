import { LocalLake, openLocalLake } from "../../../lib/local/lake";
import { checkQueries } from "../../../lib/local/check";
import { FIXTURE_LAKE, namedQuery } from "../../helpers/local-lake";

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
