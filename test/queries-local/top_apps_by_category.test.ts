import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("top_apps_by_category on the fixture lake", () => {
  test("keeps the top app of each category by installs", async () => {
    // dt=15: games a-0002 520 ties a-0005 520 and wins on app_id; music a-0003
    // 260 (unrated); productivity a-0001 1100 ranks above a-0004 50, which top 1
    // leaves out.
    expect(
      await runLocalQuery(lake(), "top_apps_by_category", ["2026-11-15", "1"]),
    ).toEqual({
      columns: [
        "category varchar",
        "category_rank bigint",
        "app_id varchar",
        "name varchar",
        "installs bigint",
        "rating double",
      ],
      rows: [
        ["games", 1, "a-0002", "Pixel Quest", 520, 3.9],
        ["music", 1, "a-0003", "Calm Tunes", 260, null],
        ["productivity", 1, "a-0001", "Swift Notes", 1100, 4.5],
      ],
    });
  });

  test("ranks an app listed twice once and breaks an installs tie by app_id", async () => {
    // dt=15: a-0001 has two identical rows (one app, rank 1), then a-0004 50;
    // games a-0002 and a-0005 (Arcade Dash) both 520: a-0002 first by app_id.
    const { rows } = await runLocalQuery(lake(), "top_apps_by_category", [
      "2026-11-15",
      "2",
    ]);
    expect(rows).toEqual([
      ["games", 1, "a-0002", "Pixel Quest", 520, 3.9],
      ["games", 2, "a-0005", "Arcade Dash", 520, 4.7],
      ["music", 1, "a-0003", "Calm Tunes", 260, null],
      ["productivity", 1, "a-0001", "Swift Notes", 1100, 4.5],
      ["productivity", 2, "a-0004", "Bold Planner", 50, 4.1],
    ]);
  });

  test("ranks within a category and uses the installs of the asked day", async () => {
    // dt=16: a-0001 1250 and a-0004 90 share productivity.
    const { rows } = await runLocalQuery(lake(), "top_apps_by_category", [
      "2026-11-16",
      "2",
    ]);
    expect(rows).toEqual([
      ["games", 1, "a-0002", "Pixel Quest", 560, 3.9],
      ["music", 1, "a-0003", "Calm Tunes", 300, null],
      ["productivity", 1, "a-0001", "Swift Notes", 1250, 4.5],
      ["productivity", 2, "a-0004", "Bold Planner", 90, 4.1],
    ]);
  });

  test("rejects a top N that is not a whole number", async () => {
    await expect(
      runLocalQuery(lake(), "top_apps_by_category", ["2026-11-16", "two"]),
    ).rejects.toThrow(
      [
        "Query top_apps_by_category has 1 problem:",
        '  - --param top_n: must be a whole number within 64 bits (bigint), e.g. 10, got "two"',
        "Fix the --param values above and run again.",
      ].join("\n"),
    );
  });

  test("reads only the asked partition", async () => {
    expect(
      await filesReadBy(lake(), "top_apps_by_category", ["2026-11-14", "3"]),
    ).toEqual(["raw/apps/dt=2026-11-14/part-00000.json"]);
  });
});
