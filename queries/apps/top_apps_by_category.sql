-- The most installed apps of each store category in one daily catalogue
-- snapshot, ranked by cumulative installs (ties broken by app_id), keeping
-- the top N of each category. An app listed twice in the snapshot is ranked
-- once, with the row that has the most installs.
-- version: 1
-- param: dt varchar '2026-11-02'
-- param: top_n bigint 10

WITH
  catalogue AS (
    SELECT
      category,
      app_id,
      max_by(name, installs) AS name,
      max(installs) AS installs,
      max_by(rating, installs) AS rating
    FROM
      apps
    WHERE
      dt = ?
    GROUP BY
      category,
      app_id
  ),
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
      catalogue
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
