import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("new_users_by_day on the fixture lake", () => {
  test("counts sign-ups per day, country and platform, leaving out change records", async () => {
    // Sign-up records (signup_ts on the partition day): 13: u1 US ios, u2 DE android,
    // u3 no country web, u8 country "" web (both (unknown) web: 2);
    // 14: u4 US android, u5 BR ios (u1's change is not new);
    // 15: u6 DE web (twice, one user), a US ios record without user_id and a BR
    // android record with user_id "" (both left out; u2's change is not new);
    // 16: u7 US android (u4's change is not new).
    expect(
      await runLocalQuery(lake(), "new_users_by_day", [
        "2026-11-13",
        "2026-11-16",
      ]),
    ).toEqual({
      columns: [
        "signup_day varchar",
        "country varchar",
        "platform varchar",
        "new_users bigint",
      ],
      rows: [
        ["2026-11-13", "(unknown)", "web", 2],
        ["2026-11-13", "DE", "android", 1],
        ["2026-11-13", "US", "ios", 1],
        ["2026-11-14", "BR", "ios", 1],
        ["2026-11-14", "US", "android", 1],
        ["2026-11-15", "DE", "web", 1],
        ["2026-11-16", "US", "android", 1],
      ],
    });
  });

  test("includes both bounds of the date range and nothing outside", async () => {
    const { rows } = await runLocalQuery(lake(), "new_users_by_day", [
      "2026-11-14",
      "2026-11-15",
    ]);
    expect(rows).toEqual([
      ["2026-11-14", "BR", "ios", 1],
      ["2026-11-14", "US", "android", 1],
      ["2026-11-15", "DE", "web", 1],
    ]);
  });

  test("reads only the partitions of the range", async () => {
    expect(
      await filesReadBy(lake(), "new_users_by_day", [
        "2026-11-14",
        "2026-11-15",
      ]),
    ).toEqual([
      "raw/users/dt=2026-11-14/part-00000.json",
      "raw/users/dt=2026-11-15/part-00000.json",
    ]);
  });
});
