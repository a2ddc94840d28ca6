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

  test("rejects WITH ORDINALITY, naming the query and the construct", () => {
    const sql =
      "SELECT * FROM users CROSS JOIN UNNEST(installed_apps) WITH ORDINALITY AS t(a, n)";
    expect(() => toDuckDbSql(sql, "ranked_apps")).toThrow(
      new UnsupportedConstructError(
        "ranked_apps",
        "UNNEST ... WITH ORDINALITY",
        "DuckDB has no ordinality for UNNEST; number the elements with generate_subscripts instead",
      ),
    );
    expect(() => toDuckDbSql(sql, "ranked_apps")).toThrow(
      "Query ranked_apps uses UNNEST ... WITH ORDINALITY, which the local engine cannot run: DuckDB has no ordinality for UNNEST; number the elements with generate_subscripts instead. Run it on Athena with --env, or rewrite it without UNNEST ... WITH ORDINALITY.",
    );
  });

  test("rejects UNNEST of several arrays at once", () => {
    const sql =
      "SELECT * FROM apps CROSS JOIN UNNEST(versions, platforms) AS t(v, p)";
    expect(() => toDuckDbSql(sql, "zip")).toThrow(
      "Query zip uses UNNEST of several arrays at once, which the local engine cannot run: DuckDB unnests one array per UNNEST; join one UNNEST per array instead. Run it on Athena with --env, or rewrite it without UNNEST of several arrays at once.",
    );
  });
});
