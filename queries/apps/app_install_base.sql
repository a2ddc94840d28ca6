-- How many users have each app of the catalogue installed. A user's
-- installed apps are those on their latest record up to and including
-- as_of_dt; the catalogue is the snapshot of catalogue_dt. Apps nobody has
-- installed show 0. Records without a user_id are left out, and a user is
-- counted once per app even if the snapshot lists the app twice.
-- version: 1
-- param: as_of_dt varchar '2026-11-02'
-- param: catalogue_dt varchar '2026-11-02'

WITH
  current_installs AS (
    SELECT
      user_id,
      max_by(installed_apps, updated_at) AS installed_apps
    FROM
      users
    WHERE
      dt <= ?
      AND coalesce(user_id, '') <> ''
    GROUP BY
      user_id
  ),
  installs AS (
    SELECT DISTINCT
      c.user_id,
      i.app_id
    FROM
      current_installs AS c
      CROSS JOIN UNNEST (c.installed_apps) AS i (app_id)
  )
SELECT
  a.app_id,
  a.name,
  a.category,
  count(DISTINCT i.user_id) AS users
FROM
  apps AS a
  LEFT JOIN installs AS i ON i.app_id = a.app_id
WHERE
  a.dt = ?
GROUP BY
  a.app_id,
  a.name,
  a.category
ORDER BY
  users DESC,
  a.app_id
