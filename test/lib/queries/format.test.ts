import { formatQueryFile } from "../../../lib/queries/format";

describe("formatQueryFile", () => {
  test("keeps the header and lays out the statement below one blank line", () => {
    const text = [
      "-- Users per country.   ",
      "-- version: 1",
      "-- param: dt varchar '2026-11-02'",
      "select country, count(distinct user_id) as users",
      "from {{database}}.users where dt = ? and x = '{{ data_bucket }}'",
      "group by country",
    ].join("\n");

    expect(formatQueryFile(text)).toBe(
      [
        "-- Users per country.",
        "-- version: 1",
        "-- param: dt varchar '2026-11-02'",
        "",
        "SELECT",
        "  country,",
        "  count(DISTINCT user_id) AS users",
        "FROM",
        "  {{database}}.users",
        "WHERE",
        "  dt = ?",
        "  AND x = '{{ data_bucket }}'",
        "GROUP BY",
        "  country",
        "",
      ].join("\n"),
    );
  });

  test("leaves a formatted file unchanged", () => {
    const text = "-- S.\n-- version: 1\n\nSELECT\n  1 AS x\n";

    expect(formatQueryFile(text)).toBe(text);
  });

  test("keeps lambdas, UNNEST aliases and intervals valid", () => {
    const text =
      "-- S.\n-- version: 1\nselect transform(a, x -> x + 1) from t cross join unnest(b) as u(v) where d > current_date - interval '7' day";

    expect(formatQueryFile(text)).toBe(
      [
        "-- S.",
        "-- version: 1",
        "",
        "SELECT",
        "  transform(a, x -> x + 1)",
        "FROM",
        "  t",
        "  CROSS JOIN UNNEST (b) AS u (v)",
        "WHERE",
        "  d > current_date - interval '7' day",
        "",
      ].join("\n"),
    );
  });

  test("formats a file without a header or statement", () => {
    expect(formatQueryFile("select 1")).toBe("SELECT\n  1\n");
    expect(formatQueryFile("-- S.\n-- version: 1\n\n")).toBe(
      "-- S.\n-- version: 1\n",
    );
  });
});
