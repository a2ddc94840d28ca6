-- How many users are on each subscription plan as of a day, with each
-- plan's share of all users. A user's plan is the one on their latest record
-- up to and including that day; records without a user_id are left out.
-- version: 1
-- param: as_of_dt varchar '2026-11-02'

WITH
  current_users AS (
    SELECT
      user_id,
      max_by(plan, updated_at) AS plan
    FROM
      users
    WHERE
      dt <= ?
      AND coalesce(user_id, '') <> ''
    GROUP BY
      user_id
  )
SELECT
  plan,
  count(*) AS users,
  round(
    100 * CAST(count(*) AS double) / sum(count(*)) OVER (),
    2
  ) AS share_pct
FROM
  current_users
GROUP BY
  plan
ORDER BY
  users DESC,
  plan
