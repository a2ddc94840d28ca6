import {
  UnsupportedConstructError,
  toDuckDbSql,
} from "../../../lib/local/compat";

describe("toDuckDbSql", () => {
  test("turns UNNEST of an array of rows with one alias per field into a lateral unnest", () => {
    const sql =
      "SELECT d.os FROM users AS u CROSS JOIN UNNEST (u.devices) AS d (device_id, os, os_version, app_version)";
    expect(toDuckDbSql(sql, "q")).toBe(
      "SELECT d.os FROM users AS u CROSS JOIN LATERAL (SELECT unnest(u.devices, max_depth := 2)) AS d (device_id, os, os_version, app_version)",
    );
  });

  test("keeps UNNEST of a scalar array with one column as written", () => {
    const sql =
      "SELECT a FROM users CROSS JOIN UNNEST(installed_apps) AS t(a) WHERE dt = ?";
    expect(toDuckDbSql(sql, "q")).toBe(sql);
  });

  test("leaves strings, quoted identifiers and comments alone", () => {
    const sql =
      "SELECT 'UNNEST(x) AS t(a, b)' AS \"unnest(y) AS t(c, d)\" -- UNNEST(z) AS t(e, f)\nFROM apps";
    expect(toDuckDbSql(sql, "q")).toBe(sql);
  });

  test("numbers elements WITH ORDINALITY with a position column", () => {
    const sql =
      "SELECT a, n FROM users CROSS JOIN UNNEST(installed_apps) WITH ORDINALITY AS t (a, n)";
    expect(toDuckDbSql(sql, "q")).toBe(
      "SELECT a, n FROM users CROSS JOIN LATERAL (SELECT unnest(installed_apps), unnest(range(1, len(installed_apps) + 1))) AS t (a, n)",
    );
  });

  test("unnests several arrays side by side", () => {
    const sql =
      "SELECT v, p FROM apps CROSS JOIN UNNEST(versions, platforms) AS t(v, p)";
    expect(toDuckDbSql(sql, "q")).toBe(
      "SELECT v, p FROM apps CROSS JOIN LATERAL (SELECT unnest(versions), unnest(platforms)) AS t(v, p)",
    );
  });

  test("rejects a call of date_add, in any case, naming the query and the function", () => {
    expect(() =>
      toDuckDbSql("SELECT Date_Add ('day', 1, d) FROM t", "shifted"),
    ).toThrow(
      new UnsupportedConstructError(
        "shifted",
        "the function date_add()",
        "DuckDB's date_add takes other arguments and returns a timestamp where Trino's returns a date for a date, and the compatibility layer in lib/local/compat.ts does not provide Trino's",
      ),
    );
  });

  test("leaves date_add and date_format alone in strings, quoted names and comments", () => {
    const sql =
      "SELECT 'date_add(x)' AS \"date_format\", date_add_days -- date_format(t, f)\nFROM t";
    expect(toDuckDbSql(sql, "q")).toBe(sql);
  });

  test("rejects WITH ORDINALITY over an array of rows, naming the query and the construct", () => {
    const sql =
      "SELECT * FROM users CROSS JOIN UNNEST(devices) WITH ORDINALITY AS t(device_id, os, os_version, app_version, n)";
    expect(() => toDuckDbSql(sql, "ranked_devices")).toThrow(
      new UnsupportedConstructError(
        "ranked_devices",
        "UNNEST ... WITH ORDINALITY",
        "the local engine supports it for arrays of scalar values with one column alias per array plus one for the position (2 here), got 5",
      ),
    );
    expect(() => toDuckDbSql(sql, "ranked_devices")).toThrow(
      "Query ranked_devices uses UNNEST ... WITH ORDINALITY, which the local engine cannot run: the local engine supports it for arrays of scalar values with one column alias per array plus one for the position (2 here), got 5. Run it on Athena with --env, or rewrite it without UNNEST ... WITH ORDINALITY.",
    );
  });

  test("rejects several arrays without one column alias per array", () => {
    const sql =
      "SELECT * FROM apps CROSS JOIN UNNEST(versions, platforms) AS t(v)";
    expect(() => toDuckDbSql(sql, "zip")).toThrow(
      "Query zip uses UNNEST of several arrays, which the local engine cannot run: the local engine supports it for arrays of scalar values with one column alias per array (2 here), got 1. Run it on Athena with --env, or rewrite it without UNNEST of several arrays.",
    );
  });
});
