import { Parser } from "node-sql-parser/build/trino";
import * as fs from "node:fs";
import { formatQueryFile } from "../../lib/queries/format";
import { loadQueries, readQuerySources } from "../../lib/queries/loader";
import { checkLock, readLock } from "../../lib/queries/lock";
import { bindParameters } from "../../lib/queries/params";
import { QueryVariables } from "../../lib/queries/template";

const VARIABLES: QueryVariables = {
  database: "analytics_dev",
  data_bucket: "acme-dev-data",
  results_bucket: "acme-dev-results",
  environment: "dev",
  workgroup: "analytics-dev",
};

const queries = loadQueries({ variables: VARIABLES });
const byName = (name: string) => {
  const query = queries.find((q) => q.name === name);
  if (!query) throw new Error(`no query named ${name}`);
  return query;
};

describe("the shipped queries", () => {
  test("load without problems, version 1 each, sorted by name", () => {
    expect(queries.map((q) => [q.topic, q.name, q.version])).toEqual([
      ["apps", "app_install_base", 1],
      ["users", "app_version_adoption", 1],
      ["operations", "data_freshness", 1],
      ["operations", "data_quality_by_partition", 1],
      ["users", "new_users_by_day", 1],
      ["apps", "top_apps_by_category", 1],
      ["users", "users_by_country", 1],
      ["users", "users_by_plan", 1],
    ]);
  });

  test("match the lock, so a changed query without a version bump fails the build", () => {
    const problems = checkLock(
      readQuerySources(),
      readLock("queries/queries.lock.json"),
    );

    expect(problems).toEqual([]);
  });

  test("are formatted as npm run lint:sql expects", () => {
    const unformatted = readQuerySources()
      .filter((s) => formatQueryFile(s.text) !== s.text)
      .map((s) => s.file);

    expect(unformatted).toEqual([]);
  });

  test("bind their own header examples", () => {
    for (const query of queries) {
      const examples = query.params.map((p) => p.example);

      expect(bindParameters(query, examples).executionParameters).toEqual(
        examples,
      );
    }
  });

  test("take partition days as varchar YYYY-MM-DD parameters", () => {
    const dayParams = queries.flatMap((q) =>
      q.params.filter((p) => /(^|_)dt$/.test(p.name)),
    );

    expect(dayParams.length).toBeGreaterThanOrEqual(8);
    for (const param of dayParams) {
      expect(param.type).toBe("varchar");
      expect(param.example).toMatch(/^'\d{4}-\d{2}-\d{2}'$/);
    }
  });

  test("compare dt without wrapping it in a function and use unqualified tables", () => {
    for (const query of queries) {
      expect(query.sql).not.toMatch(
        /\b(date|cast|try_cast|substr|date_parse|from_iso8601_date)\s*\(\s*(\w+\.)?dt\b/i,
      );
      expect(query.sql).not.toMatch(/\w\.(users|apps)\b/);
      expect(query.sql).not.toContain(VARIABLES.database);
    }
  });

  test("keep ? markers in WHERE clauses, where Athena accepts them", () => {
    for (const query of queries) {
      for (const line of query.sql.split("\n").filter((l) => l.includes("?"))) {
        expect(line).toMatch(
          /^\s+(AND\s+)?(\w+\.)?(dt|category_rank)\s*(=|<=|>=|BETWEEN)\s*\?/,
        );
      }
    }
  });
});

describe("users_by_country", () => {
  const query = byName("users_by_country");
  const ast = new Parser().astify(query.sql, { database: "trino" });
  const select = (Array.isArray(ast) ? ast[0] : ast) as unknown as {
    columns: { as: string }[];
    orderby: {
      expr: { column: { expr: { value: string } } };
      type: string | null;
    }[];
  };

  test("takes exactly one parameter, dt", () => {
    expect(query.params).toEqual([
      { name: "dt", type: "varchar", example: "'2026-11-02'" },
    ]);
    expect(query.sql).toMatch(/WHERE\s+dt = \?\s/);
  });

  test("returns country and users, by users descending then country", () => {
    expect(select.columns.map((c) => c.as)).toEqual(["country", "users"]);
    expect(select.orderby.map((o) => [o.expr.column.expr.value, o.type ?? "ASC"])).toEqual([
      ["users", "DESC"],
      ["country", "ASC"],
    ]);
    expect(query.sql).toContain("count(DISTINCT user_id) AS users");
  });

  test("shows a missing or empty country as (unknown)", () => {
    expect(query.sql).toContain(
      "coalesce(nullif(country, ''), '(unknown)') AS country",
    );
    expect(query.summary).toContain("'(unknown)'");
  });
});

describe("query files", () => {
  test("each start with a summary for analysts", () => {
    for (const source of readQuerySources()) {
      expect(fs.readFileSync(source.file, "utf8")).toMatch(/^-- [A-Z]/);
      expect(source.header.summary.length).toBeGreaterThan(40);
    }
  });
});
