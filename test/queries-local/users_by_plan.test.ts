import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("users_by_plan on the fixture lake", () => {
  test("takes each user's plan from their latest record up to the day", async () => {
    // As of 14: u1 plus (changed on 14), u2 plus, u3 free, u4 pro, u5 free.
    expect(
      await runLocalQuery(lake(), "users_by_plan", ["2026-11-14"]),
    ).toEqual({
      columns: ["plan varchar", "users bigint", "share_pct double"],
      rows: [
        ["free", 2, 40],
        ["plus", 2, 40],
        ["pro", 1, 20],
      ],
    });
  });

  test("counts later upgrades and downgrades, and leaves out the record without user_id", async () => {
    // As of 16: u1 plus, u2 pro (15), u3 free, u4 free (downgraded on 16), u5 free,
    // u6 free, u7 free: 7 users; 5/7 = 71.43 %, 1/7 = 14.29 %.
    const { rows } = await runLocalQuery(lake(), "users_by_plan", [
      "2026-11-16",
    ]);
    expect(rows).toEqual([
      ["free", 5, 71.43],
      ["plus", 1, 14.29],
      ["pro", 1, 14.29],
    ]);
  });

  test("reads only partitions up to the day", async () => {
    expect(await filesReadBy(lake(), "users_by_plan", ["2026-11-14"])).toEqual([
      "raw/users/dt=2026-11-13/part-00000.json",
      "raw/users/dt=2026-11-14/part-00000.json",
    ]);
  });
});
