-- How many distinct users signed up or changed their metadata in each
-- country on one day (one partition of the users change feed). Users
-- without a country, or with an empty one, are counted under '(unknown)'.
-- version: 1
-- param: dt varchar '2026-11-02'

SELECT
  coalesce(nullif(country, ''), '(unknown)') AS country,
  count(DISTINCT user_id) AS users
FROM
  users
WHERE
  dt = ?
GROUP BY
  coalesce(nullif(country, ''), '(unknown)')
ORDER BY
  users DESC,
  country
