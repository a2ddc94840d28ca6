import { checkSyntax, maskUnsupported } from "../../../lib/queries/syntax";
import { scanSql } from "../../../lib/queries/sql-text";

const check = (sql: string) => checkSyntax(scanSql(sql).code);

describe("checkSyntax", () => {
  test.each([
    ["a CTE", "WITH a AS (SELECT 1 AS x) SELECT x FROM a"],
    [
      "a window function",
      "SELECT row_number() OVER (PARTITION BY category ORDER BY installs DESC) AS r FROM apps",
    ],
    [
      "CROSS JOIN UNNEST with column aliases",
      "SELECT d.os FROM users CROSS JOIN UNNEST(devices) AS d(device_id, os, os_version, app_version)",
    ],
    ["a lambda", "SELECT transform(a, x -> x + 1) FROM t"],
    ["? parameters", "SELECT * FROM users WHERE dt BETWEEN ? AND ?"],
    ["an interval", "SELECT current_date - INTERVAL '7' DAY"],
    ["date_trunc", "SELECT date_trunc('day', current_timestamp)"],
    ["approx_distinct", "SELECT approx_distinct(user_id) FROM users"],
    ["max_by", "SELECT max_by(plan, updated_at) FROM users GROUP BY user_id"],
    [
      "from_iso8601_timestamp",
      "SELECT from_iso8601_timestamp(signup_ts) FROM users",
    ],
    [
      "cardinality and contains",
      "SELECT cardinality(devices) FROM users WHERE contains(installed_apps, 'a-1')",
    ],
    ["a struct field", "SELECT publisher.name FROM apps"],
    ["count_if", "SELECT count_if(x IS NULL) FROM t"],
    ["a quoted $path column", "SELECT \"$path\" FROM users"],
    ["a trailing comment", "SELECT 1 -- done"],
    ["WITH ORDINALITY", "SELECT v, i FROM t CROSS JOIN UNNEST(a) WITH ORDINALITY AS u(v, i)"],
    ["AT TIME ZONE", "SELECT current_timestamp AT TIME ZONE 'UTC'"],
    ["INTERSECT", "SELECT a FROM t INTERSECT SELECT a FROM u"],
    ["EXCEPT ALL", "SELECT a FROM t EXCEPT ALL SELECT a FROM u"],
    ["UNION DISTINCT", "SELECT a FROM t UNION DISTINCT SELECT a FROM u"],
    ["FETCH FIRST", "SELECT a FROM t FETCH FIRST 10 ROWS ONLY"],
    ["GROUPING SETS", "SELECT a, b FROM t GROUP BY GROUPING SETS ((a), (b))"],
    ["a cast to array", "SELECT CAST(x AS array(varchar)) FROM t"],
    [
      "a cast to row",
      "SELECT CAST(x AS ROW(a bigint, b map(varchar, bigint))) FROM t",
    ],
    ["the alias rows", "SELECT count(*) AS rows FROM t"],
    [
      "a correlated EXISTS the grammar cannot place",
      "SELECT * FROM t WHERE EXISTS (SELECT u.id FROM u WHERE u.id = t.id)",
    ],
  ])("accepts %s", (_name, sql) => {
    expect(check(sql)).toBeUndefined();
  });

  test.each([
    ["a misspelled keyword", "SELEC 1", 6],
    ["an unbalanced parenthesis", "SELECT count(*\nFROM users", 15],
    ["FROM without a table", "SELECT a FROM WHERE a = 1", 20],
  ])("rejects %s at the offset where it stops", (_name, sql, offset) => {
    expect(check(sql)).toEqual({ offset });
  });
});

describe("maskUnsupported", () => {
  test("keeps the length and the line breaks of the text", () => {
    const text =
      "SELECT a AS rows FROM t\nCROSS JOIN UNNEST(x) WITH\nORDINALITY AS u(v, i)\nINTERSECT SELECT CAST(b AS array(\nvarchar)) FROM u FETCH FIRST 5 ROWS ONLY";

    const masked = maskUnsupported(text);

    expect(masked).toHaveLength(text.length);
    expect(masked.split("\n")).toHaveLength(text.split("\n").length);
    expect(masked).toBe(
      "SELECT a AS r___ FROM t\nCROSS JOIN UNNEST(x)               \n AS u(v, i)\nUNION     SELECT CAST(b AS varchar       \n) FROM u LIMIT 5                ",
    );
  });
});
