-- Data quality of each partition of each dataset between two dates
-- (inclusive): rows, records without an id (user_id or app_id missing or
-- empty) and duplicate ids (records beyond the first with the same id in
-- the partition). Both counts should be 0.
-- version: 1
-- param: first_dt varchar '2026-11-01'
-- param: last_dt varchar '2026-11-07'

WITH
  records AS (
    SELECT
      'users' AS dataset,
      dt,
      user_id AS id
    FROM
      users
    UNION ALL
    SELECT
      'apps' AS dataset,
      dt,
      app_id AS id
    FROM
      apps
  )
SELECT
  dataset,
  dt,
  count(*) AS row_count,
  count_if(
    id IS NULL
    OR id = ''
  ) AS missing_ids,
  count(nullif(id, '')) - count(DISTINCT nullif(id, '')) AS duplicate_ids
FROM
  records
WHERE
  dt BETWEEN ? AND ?
GROUP BY
  dataset,
  dt
ORDER BY
  dataset,
  dt
