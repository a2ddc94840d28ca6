-- How many distinct users signed up or changed their metadata in each
-- country on one day (one partition of the users change feed). Users
-- without a country, or with an empty one, are counted under '(unknown)';
-- records without a user_id are left out (see data_quality_by_partition).
-- version: 1
-- param: dt varchar '2026-11-02'

SELECT
  coalesce(nullif(country, ''), '(unknown)') AS country,
  count(DISTINCT user_id) AS users
FROM
  users
WHERE
  dt = ?
  AND coalesce(user_id, '') <> ''
GROUP BY
  coalesce(nullif(country, ''), '(unknown)')
ORDER BY
  users DESC,
  country
