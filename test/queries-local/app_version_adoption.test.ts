import {
  filesReadBy,
  runLocalQuery,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

describe("app_version_adoption on the fixture lake", () => {
  test("counts the devices of each user's latest record per OS and client version", async () => {
    // As of 16: u1 ios 5.12.0; u2 android 5.12.0, 5.11.2, 6.0.0 (third device on 15);
    // u4 android 6.0.0; u5 ios 6.0.0; u6 windows 6.0.0 (duplicate record, one device);
    // u7 android 6.0.0; u3 and u8 none. The record with user_id "" (android
    // 6.0.0, 15) is left out. Android has 5 devices: 3/5 = 60%, 1/5 = 20%.
    expect(
      await runLocalQuery(lake(), "app_version_adoption", ["2026-11-16"]),
    ).toEqual({
      columns: [
        "os varchar",
        "app_version varchar",
        "device_count bigint",
        "users bigint",
        "share_of_os_pct double",
      ],
      rows: [
        ["android", "6.0.0", 3, 3, 60],
        ["android", "5.11.2", 1, 1, 20],
        ["android", "5.12.0", 1, 1, 20],
        ["ios", "5.12.0", 1, 1, 50],
        ["ios", "6.0.0", 1, 1, 50],
        ["windows", "6.0.0", 1, 1, 100],
      ],
    });
  });

  test("ignores devices added after the day", async () => {
    // As of 14: u1 ios 5.12.0; u2 android 5.12.0, 5.11.2; u4 android 6.0.0;
    // u5 ios 6.0.0; u3 and u8 none.
    const { rows } = await runLocalQuery(lake(), "app_version_adoption", [
      "2026-11-14",
    ]);
    expect(rows).toEqual([
      ["android", "5.11.2", 1, 1, 33.33],
      ["android", "5.12.0", 1, 1, 33.33],
      ["android", "6.0.0", 1, 1, 33.33],
      ["ios", "5.12.0", 1, 1, 50],
      ["ios", "6.0.0", 1, 1, 50],
    ]);
  });

  test("reads only partitions up to the day", async () => {
    expect(
      await filesReadBy(lake(), "app_version_adoption", ["2026-11-13"]),
    ).toEqual(["raw/users/dt=2026-11-13/part-00000.json"]);
  });
});
