import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("users_by_country on the fixture lake", () => {
  test("counts the sign-ups of 2026-11-13 per country, a missing or empty country as (unknown)", async () => {
    // dt=2026-11-13: u-000001 US, u-000002 DE, u-000003 without country,
    // u-000008 with country "": (unknown) 2.
    expect(
      await runLocalQuery(lake(), "users_by_country", ["2026-11-13"]),
    ).toEqual({
      columns: ["country varchar", "users bigint"],
      rows: [
        ["(unknown)", 2],
        ["DE", 1],
        ["US", 1],
      ],
    });
  });

  test("counts a duplicated user once and leaves out records without user_id or with an empty one", async () => {
    // dt=2026-11-15: u-000006 twice and u-000002 (DE); one US record without
    // user_id and one BR record with user_id "", both left out, so US and BR
    // have no row.
    const { rows } = await runLocalQuery(lake(), "users_by_country", [
      "2026-11-15",
    ]);
    expect(rows).toEqual([["DE", 2]]);
  });

  test("reads the gzip-compressed partition", async () => {
    // dt=2026-11-16 (.json.gz): u-000007 and u-000004, both US.
    const { rows } = await runLocalQuery(lake(), "users_by_country", [
      "2026-11-16",
    ]);
    expect(rows).toEqual([["US", 2]]);
  });

  test("returns no rows for a date without a partition", async () => {
    const { rows } = await runLocalQuery(lake(), "users_by_country", [
      "2026-11-20",
    ]);
    expect(rows).toEqual([]);
  });

  test("reads only the asked partition", async () => {
    expect(
      await filesReadBy(lake(), "users_by_country", ["2026-11-15"]),
    ).toEqual(["raw/users/dt=2026-11-15/part-00000.json"]);
  });
});
