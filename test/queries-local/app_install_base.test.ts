import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("app_install_base on the fixture lake", () => {
  test("counts users per app from their latest installed apps", async () => {
    // As of 16: u1 a1 a2; u2 a1; u3 none; u4 a3; u5 a2 a3; u6 a1; u7 a1 a4;
    // u8 a3 a3 (listed twice, one install). The record with user_id "" (a4, 15)
    // is left out. a-0001: u1 u2 u6 u7 = 4; a-0003: u4 u5 u8 = 3;
    // a-0002: u1 u5 = 2; a-0004: u7 = 1.
    expect(
      await runLocalQuery(lake(), "app_install_base", [
        "2026-11-16",
        "2026-11-16",
      ]),
    ).toEqual({
      columns: [
        "app_id varchar",
        "name varchar",
        "category varchar",
        "users bigint",
      ],
      rows: [
        ["a-0001", "Swift Notes", "productivity", 4],
        ["a-0003", "Calm Tunes", "music", 3],
        ["a-0002", "Pixel Quest", "games", 2],
        ["a-0004", "Bold Planner", "productivity", 1],
      ],
    });
  });

  test("counts a user once per app when the catalogue repeats the app, and shows apps nobody has installed with 0", async () => {
    // As of 13: u1 a1 a2; u2 a1; u3 none; u8 a3 a3. Catalogue of 15: a-0001
    // (two identical rows), a-0002, a-0003, a-0004, a-0005.
    // a-0001: u1 u2 = 2 (not 4); a-0002: u1 = 1; a-0003: u8 = 1; a-0004, a-0005: 0.
    const { rows } = await runLocalQuery(lake(), "app_install_base", [
      "2026-11-13",
      "2026-11-15",
    ]);
    expect(rows).toEqual([
      ["a-0001", "Swift Notes", "productivity", 2],
      ["a-0002", "Pixel Quest", "games", 1],
      ["a-0003", "Calm Tunes", "music", 1],
      ["a-0004", "Bold Planner", "productivity", 0],
      ["a-0005", "Arcade Dash", "games", 0],
    ]);
  });

  test("reads user partitions up to the day and the one catalogue partition", async () => {
    expect(
      await filesReadBy(lake(), "app_install_base", [
        "2026-11-14",
        "2026-11-15",
      ]),
    ).toEqual([
      "raw/apps/dt=2026-11-15/part-00000.json",
      "raw/users/dt=2026-11-13/part-00000.json",
      "raw/users/dt=2026-11-14/part-00000.json",
    ]);
  });
});
