-- Which client app versions users' devices run as of a day, per operating
-- system: devices and users on each version and the version's share of that
-- system's devices. A user's devices are those on their latest record up to
-- and including that day; records without a user_id are left out.
-- version: 1
-- param: as_of_dt varchar '2026-11-02'

WITH
  current_devices AS (
    SELECT
      user_id,
      max_by(devices, updated_at) AS devices
    FROM
      users
    WHERE
      dt <= ?
      AND coalesce(user_id, '') <> ''
    GROUP BY
      user_id
  )
SELECT
  d.os,
  d.app_version,
  count(*) AS device_count,
  count(DISTINCT c.user_id) AS users,
  round(
    100 * CAST(count(*) AS double) / sum(count(*)) OVER (
      PARTITION BY
        d.os
    ),
    2
  ) AS share_of_os_pct
FROM
  current_devices AS c
  CROSS JOIN UNNEST (c.devices) AS d (device_id, os, os_version, app_version)
GROUP BY
  d.os,
  d.app_version
ORDER BY
  d.os,
  device_count DESC,
  d.app_version
