import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLocalLake } from "../../lib/local/lake";
import {
  FIXTURE_LAKE,
  filesReadBy,
  runLocalQuery,
  tempDir,
  useFixtureLake,
} from "../helpers/local-lake";

const lake = useFixtureLake();

/** Whole days from 2026-11-16 to today's UTC date, as current_date counts them. */
function daysSinceNov16(): number {
  const now = new Date();
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return Math.round((today - Date.UTC(2026, 10, 16)) / 86_400_000);
}

describe("data_freshness on the fixture lake", () => {
  test("reports the latest partition, its rows and the partition count per dataset", async () => {
    // From 15 on: apps 15 and 16 (4 rows on 16); users 15 and 16 (2 rows on 16).
    const result = await runLocalQuery(lake(), "data_freshness", [
      "2026-11-15",
    ]);
    expect(result).toEqual({
      columns: [
        "dataset varchar",
        "latest_dt varchar",
        "latest_row_count bigint",
        "partition_count bigint",
        "days_old bigint",
      ],
      rows: [
        ["apps", "2026-11-16", 4, 2, daysSinceNov16()],
        ["users", "2026-11-16", 2, 2, daysSinceNov16()],
      ],
    });
  });

  test("counts every partition from the since date on", async () => {
    // apps: 14, 15, 16; users: 13, 14, 15, 16.
    const { rows } = await runLocalQuery(lake(), "data_freshness", [
      "2026-11-01",
    ]);
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ["apps", "2026-11-16", 4, 3],
      ["users", "2026-11-16", 2, 4],
    ]);
  });

  test("returns no rows when no partition is that recent", async () => {
    const { rows } = await runLocalQuery(lake(), "data_freshness", [
      "2026-11-17",
    ]);
    expect(rows).toEqual([]);
  });

  test("leaves out a folder whose dt is not shaped like a date", async () => {
    // A copy of the fixture lake with a stray users folder dt=tmp, which sorts
    // after every date and is not one.
    const dir = tempDir();
    cpSync(FIXTURE_LAKE, dir, { recursive: true });
    const stray = join(dir, "raw", "users", "dt=tmp");
    mkdirSync(stray);
    writeFileSync(
      join(stray, "part-00000.json"),
      '{"user_id":"u-000009","updated_at":"2026-11-16T09:00:00Z"}\n',
    );
    const copy = await openLocalLake(dir);
    try {
      const { rows } = await runLocalQuery(copy, "data_freshness", [
        "2026-11-15",
      ]);
      expect(rows.map((r) => r.slice(0, 4))).toEqual([
        ["apps", "2026-11-16", 4, 2],
        ["users", "2026-11-16", 2, 2],
      ]);
    } finally {
      copy.close();
    }
  });

  test("reads only partitions from the since date on", async () => {
    expect(await filesReadBy(lake(), "data_freshness", ["2026-11-16"])).toEqual(
      [
        "raw/apps/dt=2026-11-16/part-00000.json",
        "raw/users/dt=2026-11-16/part-00000.json.gz",
      ],
    );
  });
});
