import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NamedQuery } from "../../lib/queries/loader";
import { NamedQueries } from "../../modules/named-queries";
import { settingsFor } from "../helpers/settings";
import {
  changedAddresses,
  resourcesOf,
  synthConstructs,
  synthStack,
} from "../helpers/synth";

const QUERY = "aws_athena_named_query";

function query(name: string, sql: string): NamedQuery {
  return {
    name,
    topic: "users",
    file: `queries/users/${name}.sql`,
    version: 1,
    summary: `What ${name} answers.`,
    description: `What ${name} answers.\nVersion 1. No parameters.`,
    params: [],
    sql,
  };
}

describe("NamedQueries", () => {
  test("creates one named query per query in the workgroup and database", () => {
    const synthesized = synthConstructs((scope) => {
      new NamedQueries(scope, "NamedQueries", {
        queries: [query("a", "SELECT 1"), query("b", "SELECT 2")],
        workgroup: "analytics-dev",
        database: "analytics_dev",
      });
    });

    const bodies = Object.values(resourcesOf(synthesized, QUERY));
    expect(
      bodies.map((b) => [b.name, b.workgroup, b.database, b.query]),
    ).toEqual([
      ["a", "analytics-dev", "analytics_dev", "SELECT 1"],
      ["b", "analytics-dev", "analytics_dev", "SELECT 2"],
    ]);
    expect(bodies[0].description).toBe(
      "What a answers.\nVersion 1. No parameters.",
    );
  });
});

describe("named queries in the analytics stack", () => {
  let copy: string;
  const settings = settingsFor();

  beforeEach(() => {
    copy = join(mkdtempSync(join(tmpdir(), "named-queries-")), "queries");
    cpSync("queries", copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  test("addresses each named query by its query name", () => {
    const names = Object.keys(
      resourcesOf(synthStack(settings, "dev", copy), QUERY),
    );

    expect(names).toContain("named_queries_users_by_country");
    expect(names.every((n) => n.startsWith("named_queries_"))).toBe(true);
  });

  test("editing one query changes only that query's resource", () => {
    const before = synthStack(settings, "dev", copy);
    const file = join(copy, "users", "users_by_plan.sql");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("users DESC", "users ASC"),
    );

    expect(changedAddresses(before, synthStack(settings, "dev", copy))).toEqual(
      [`${QUERY}.named_queries_users_by_plan`],
    );
  });

  test("removing one query removes only that query's resource", () => {
    const before = synthStack(settings, "dev", copy);
    rmSync(join(copy, "apps", "top_apps_by_category.sql"));

    expect(changedAddresses(before, synthStack(settings, "dev", copy))).toEqual(
      [`${QUERY}.named_queries_top_apps_by_category`],
    );
  });
});
