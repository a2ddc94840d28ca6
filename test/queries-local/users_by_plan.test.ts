import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("users_by_plan on the fixture lake", () => {
  test("takes each user's plan from their latest record up to the day", async () => {
    // As of 14: u1 plus (changed on 14), u2 plus, u3 free, u4 pro, u5 free,
    // u8 free: 6 users; 3/6 = 50 %, 2/6 = 33.33 %, 1/6 = 16.67 %.
    expect(
      await runLocalQuery(lake(), "users_by_plan", ["2026-11-14"]),
    ).toEqual({
      columns: ["plan varchar", "users bigint", "share_pct double"],
      rows: [
        ["free", 3, 50],
        ["plus", 2, 33.33],
        ["pro", 1, 16.67],
      ],
    });
  });

  test("counts later upgrades and downgrades, and leaves out records without user_id or with an empty one", async () => {
    // As of 16: u1 plus, u2 pro (15), u3 free, u4 free (downgraded on 16), u5 free,
    // u6 free, u7 free, u8 free: 8 users; 6/8 = 75 %, 1/8 = 12.5 %. Left out
    // on 15: a free record without user_id and a pro record with user_id "".
    const { rows } = await runLocalQuery(lake(), "users_by_plan", [
      "2026-11-16",
    ]);
    expect(rows).toEqual([
      ["free", 6, 75],
      ["plus", 1, 12.5],
      ["pro", 1, 12.5],
    ]);
  });

  test("reads only partitions up to the day", async () => {
    expect(await filesReadBy(lake(), "users_by_plan", ["2026-11-14"])).toEqual([
      "raw/users/dt=2026-11-13/part-00000.json",
      "raw/users/dt=2026-11-14/part-00000.json",
    ]);
  });
});
