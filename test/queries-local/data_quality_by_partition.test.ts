import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("data_quality_by_partition on the fixture lake", () => {
  test("counts rows, missing ids and duplicate ids per dataset and partition", async () => {
    // apps dt=15: 6 rows, a-0001 twice (one duplicate).
    // users dt=15: 5 rows, one without user_id and one with user_id "" (two
    // missing), u-000006 twice (one duplicate).
    // Every other partition: distinct ids, none missing; users dt=13 has 4 rows.
    expect(
      await runLocalQuery(lake(), "data_quality_by_partition", [
        "2026-11-13",
        "2026-11-16",
      ]),
    ).toEqual({
      columns: [
        "dataset varchar",
        "dt varchar",
        "row_count bigint",
        "missing_ids bigint",
        "duplicate_ids bigint",
      ],
      rows: [
        ["apps", "2026-11-14", 3, 0, 0],
        ["apps", "2026-11-15", 6, 0, 1],
        ["apps", "2026-11-16", 4, 0, 0],
        ["users", "2026-11-13", 4, 0, 0],
        ["users", "2026-11-14", 3, 0, 0],
        ["users", "2026-11-15", 5, 2, 1],
        ["users", "2026-11-16", 2, 0, 0],
      ],
    });
  });

  test("reads only the partitions of the range, in both datasets", async () => {
    expect(
      await filesReadBy(lake(), "data_quality_by_partition", [
        "2026-11-15",
        "2026-11-15",
      ]),
    ).toEqual([
      "raw/apps/dt=2026-11-15/part-00000.json",
      "raw/users/dt=2026-11-15/part-00000.json",
    ]);
  });
});
