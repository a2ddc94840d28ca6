-- How many users signed up on each day between two dates (inclusive), by
-- country and platform. A user is new on the UTC day of signup_ts, and their
-- sign-up record sits in that day's partition. Users without a country are
-- counted under '(unknown)'; records without a user_id are left out.
-- version: 1
-- param: first_dt varchar '2026-11-01'
-- param: last_dt varchar '2026-11-07'

SELECT
  dt AS signup_day,
  coalesce(nullif(country, ''), '(unknown)') AS country,
  platform,
  count(DISTINCT user_id) AS new_users
FROM
  users
WHERE
  dt BETWEEN ? AND ?
  AND substr(signup_ts, 1, 10) = dt
  AND coalesce(user_id, '') <> ''
GROUP BY
  dt,
  coalesce(nullif(country, ''), '(unknown)'),
  platform
ORDER BY
  signup_day,
  new_users DESC,
  country,
  platform
