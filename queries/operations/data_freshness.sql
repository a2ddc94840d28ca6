-- How fresh each dataset is: its latest partition on or after since_dt, the
-- rows in that partition, how many partitions it has from since_dt on, and
-- how many days old its latest partition is. Reads only partitions from
-- since_dt on; a dataset with none of them has no row. Folders whose dt is
-- not shaped YYYY-MM-DD (a stray dt=tmp) are left out.
-- version: 1
-- param: since_dt varchar '2026-11-01'

WITH
  records AS (
    SELECT
      'users' AS dataset,
      dt
    FROM
      users
    UNION ALL
    SELECT
      'apps' AS dataset,
      dt
    FROM
      apps
  ),
  partition_rows AS (
    SELECT
      dataset,
      dt,
      count(*) AS row_count
    FROM
      records
    WHERE
      dt >= ?
      AND regexp_like(dt, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
    GROUP BY
      dataset,
      dt
  )
SELECT
  dataset,
  max(dt) AS latest_dt,
  max_by(row_count, dt) AS latest_row_count,
  count(*) AS partition_count,
  date_diff('day', CAST(max(dt) AS date), current_date) AS days_old
FROM
  partition_rows
GROUP BY
  dataset
ORDER BY
  dataset
