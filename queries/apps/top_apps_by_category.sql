-- The most installed apps of each store category in one daily catalogue
-- snapshot, ranked by cumulative installs (ties broken by app_id), keeping
-- the top N of each category.
-- version: 1
-- param: dt varchar '2026-11-02'
-- param: top_n bigint 10

WITH
  ranked AS (
    SELECT
      category,
      app_id,
      name,
      installs,
      rating,
      row_number() OVER (
        PARTITION BY
          category
        ORDER BY
          installs DESC,
          app_id
      ) AS category_rank
    FROM
      apps
    WHERE
      dt = ?
  )
SELECT
  category,
  category_rank,
  app_id,
  name,
  installs,
  rating
FROM
  ranked
WHERE
  category_rank <= ?
ORDER BY
  category,
  category_rank
