import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { QueryFileError } from "../../../lib/errors";
import {
  MAX_QUERY_BYTES,
  describeQuery,
  loadQueries,
  parseDescription,
  readQuerySources,
} from "../../../lib/queries/loader";
import { QueryVariables } from "../../../lib/queries/template";

const FIXTURES = "test/fixtures/queries";
const VARIABLES: QueryVariables = {
  database: "analytics_dev",
  data_bucket: "acme-dev-data",
  results_bucket: "acme-dev-results",
  environment: "dev",
  workgroup: "analytics-dev",
};

function loadError(directory: string): QueryFileError {
  try {
    loadQueries({ directory, variables: VARIABLES });
  } catch (error) {
    expect(error).toBeInstanceOf(QueryFileError);
    return error as QueryFileError;
  }
  throw new Error(`expected ${directory} to fail`);
}

describe("loadQueries", () => {
  test("loads, templates and describes valid queries, sorted by name", () => {
    const queries = loadQueries({
      directory: `${FIXTURES}/valid`,
      variables: VARIABLES,
    });

    expect(queries).toEqual([
      {
        name: "country_counts",
        topic: "users",
        file: `${FIXTURES}/valid/users/country_counts.sql`,
        version: 3,
        summary:
          "Users per country on one day.\nSecond paragraph of the summary, on two lines.",
        description:
          "Users per country on one day.\nSecond paragraph of the summary, on two lines.\nVersion 3. Parameters: dt varchar, e.g. '2026-11-02'; min_users bigint, e.g. 5.",
        params: [
          { name: "dt", type: "varchar", example: "'2026-11-02'" },
          { name: "min_users", type: "bigint", example: "5" },
        ],
        sql: "SELECT\n  country,\n  count(*) AS users\nFROM\n  users\nWHERE\n  dt = ?\n  AND country <> '?'\nGROUP BY\n  country\nHAVING\n  count(*) >= ?",
      },
      {
        name: "raw_files",
        topic: "ops",
        file: `${FIXTURES}/valid/ops/raw_files.sql`,
        version: 1,
        summary: "Files of the raw zone that the users table reads.",
        description:
          "Files of the raw zone that the users table reads.\nVersion 1. No parameters.",
        params: [],
        sql: "SELECT\n  \"$path\" AS file,\n  count(*) AS row_count\nFROM\n  analytics_dev.users\nWHERE\n  \"$path\" LIKE 's3://acme-dev-data/raw/%' -- bucket of analytics-dev\nGROUP BY\n  \"$path\"",
      },
    ]);
  });

  test("rejects broken files with every problem of every file, each at its line", () => {
    const error = loadError(`${FIXTURES}/broken`);
    const b = `${FIXTURES}/broken`;
    const params = "declare one `-- param: <name> <type> <example>` line per `?`, in the order the markers appear";
    const variables =
      "{{ database }}, {{ data_bucket }}, {{ results_bucket }}, {{ environment }}, {{ workgroup }}";

    expect(error.directory).toBe(b);
    expect(error.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `${b}/a/Bad-Name.sql:1: the file name is the query name and must be lowercase snake case (^[a-z][a-z0-9_]*$) of 1 to 128 characters: rename the file, got "Bad-Name"`,
      `${b}/a/bad_params.sql:3: a parameter line must read \`-- param: <name> <type> <example>\`, e.g. \`-- param: dt varchar '2026-11-02'\`, got "dt varchar"`,
      `${b}/a/bad_params.sql:4: a parameter name must be lowercase snake case (^[a-z][a-z0-9_]*$), got "Dt"`,
      `${b}/a/bad_params.sql:5: a parameter type must be one of varchar, bigint, double, date, boolean, got "integer"`,
      `${b}/a/bad_params.sql:6: the example of a bigint parameter must be a bigint literal as Athena takes it, e.g. 10, got "'10'"`,
      `${b}/a/bad_params.sql:7: the example of a date parameter must be a date literal as Athena takes it, e.g. DATE '2026-11-02', got "'2026-11-02'"`,
      `${b}/a/bad_params.sql:9: parameter names must be unique within a query; name each \`?\` for what it holds, e.g. first_dt and last_dt, got "ok"`,
      `${b}/a/bad_version.sql:2: \`-- version:\` must be a positive integer such as 1, got "0"`,
      `${b}/a/empty.sql:1: is empty: write \`--\` comment lines saying what the query answers, a \`-- version: 1\` line and one SQL statement`,
      `${b}/a/long_description.sql:1: the console description (summary, version and parameters) is 1113 characters, more than the 1024 Athena accepts: shorten the summary`,
      `${b}/a/no_summary.sql:1: has no summary: open the file with \`--\` comment lines that tell an analyst what the query answers`,
      `${b}/a/no_version.sql:1: has no \`-- version: N\` line: add \`-- version: 1\` to the comment lines at the top`,
      `${b}/a/only_comments.sql:3: has no SQL statement, only comments: write one statement below the \`--\` comment lines at the top`,
      `${b}/a/param_count.sql:7: has 1 \`-- param:\` line but 2 \`?\` markers in the statement: ${params}`,
      `${b}/a/syntax_from.sql:5: does not parse as Trino SQL (Athena engine 3) at column 7, near "dt = '2026-11-02'": fix the syntax there`,
      `${b}/a/syntax_paren.sql:4: does not parse as Trino SQL (Athena engine 3) at column 1, near "FROM users": fix the syntax there`,
      `${b}/a/syntax_selec.sql:4: does not parse as Trino SQL (Athena engine 3) at column 6, near "1": fix the syntax there`,
      `${b}/a/twin.sql:1: query name "twin" is also used by ${b}/b/twin.sql: names must be unique across all folders, rename one of the files`,
      `${b}/a/two_statements.sql:4: holds a second statement after \`;\`: keep one statement per file and move the other to a file of its own`,
      `${b}/a/two_versions.sql:3: has a second \`-- version:\` line (the first is on line 2): keep only one`,
      `${b}/a/unclosed_string.sql:5: has a string literal that is never closed (it opens at column 12): close it`,
      `${b}/a/unknown_variable.sql:5: unknown template variable; use one of ${variables}, got "{{ bucket }}"`,
      `${b}/a/unused_param.sql:4: has 2 \`-- param:\` lines but 1 \`?\` marker in the statement: ${params}`,
      `${b}/b/bad_utf8.sql:3: is not valid UTF-8 (byte 39 cannot be decoded): save the file as UTF-8`,
      `${b}/b/twin.sql:1: query name "twin" is also used by ${b}/a/twin.sql: names must be unique across all folders, rename one of the files`,
      `${b}/loose.sql:1: is not directly inside a topic folder: move it to ${b}/<topic>/loose.sql`,
    ]);
    expect(error.message.split("\n")[0]).toBe(`${b} has 26 problems:`);
    expect(error.message.split("\n").at(-1)).toBe(
      "Fix the query files above and run again.",
    );
  });

  test("rejects a query string longer than Athena accepts", () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "queries-"));
    try {
      fs.mkdirSync(path.join(directory, "big"));
      const padding = `SELECT '${"x".repeat(MAX_QUERY_BYTES)}' AS x`;
      fs.writeFileSync(
        path.join(directory, "big", "huge.sql"),
        `-- Too long.\n-- version: 1\n${padding}\n`,
      );
      const file = path.relative(process.cwd(), path.join(directory, "big", "huge.sql"));

      expect(loadError(directory).problems).toEqual([
        {
          path: `${file}:3`,
          message: `the query is ${MAX_QUERY_BYTES + 14} bytes, more than the 262144 Athena accepts: shorten it`,
        },
      ]);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test("rejects a folder that does not exist", () => {
    const error = loadError(`${FIXTURES}/missing`);

    expect(error.problems).toEqual([
      {
        path: `${FIXTURES}/missing`,
        message:
          "is not a directory: create it, or pass the folder that holds the query files",
      },
    ]);
  });
});

describe("readQuerySources", () => {
  test("reads raw text and header without templating, in file order", () => {
    const sources = readQuerySources(`${FIXTURES}/valid`);
    const raw = fs.readFileSync(`${FIXTURES}/valid/ops/raw_files.sql`, "utf8");

    expect(sources.map((s) => s.file)).toEqual([
      `${FIXTURES}/valid/ops/raw_files.sql`,
      `${FIXTURES}/valid/users/country_counts.sql`,
    ]);
    expect(sources[0].text).toBe(raw);
    expect(sources[0].header.statement).toContain("{{ database }}.users");
    expect(sources[1].header.version).toBe(3);
  });

  test("reads files with problems too, leaving validation to the loader", () => {
    const sources = readQuerySources(`${FIXTURES}/broken`);
    const noVersion = sources.find((s) => s.name === "no_version");

    expect(sources).toHaveLength(20);
    expect(noVersion?.header.version).toBeUndefined();
  });
});

describe("describeQuery", () => {
  test("lists the version and the parameters after the summary", () => {
    expect(
      describeQuery("Top apps.", 4, [
        { name: "dt", type: "varchar", example: "'2026-11-02'" },
        { name: "top_n", type: "bigint", example: "10" },
      ]),
    ).toBe(
      "Top apps.\nVersion 4. Parameters: dt varchar, e.g. '2026-11-02'; top_n bigint, e.g. 10.",
    );
  });
});

describe("parseDescription", () => {
  test("reads summary, version and typed parameters", () => {
    expect(
      parseDescription(
        "Users per plan as of a day.\nPlans from the latest record.\nVersion 3. Parameters: as_of_dt varchar, e.g. '2026-11-30'; top bigint, e.g. 10.",
      ),
    ).toEqual({
      summary: "Users per plan as of a day. Plans from the latest record.",
      version: 3,
      params: [
        { name: "as_of_dt", type: "varchar", example: "'2026-11-30'" },
        { name: "top", type: "bigint", example: "10" },
      ],
    });
  });

  test("reads back what describeQuery writes", () => {
    const params = [
      { name: "dt", type: "varchar", example: "'2026-11-02'" },
      { name: "top_n", type: "bigint", example: "10" },
    ] as const;
    expect(
      parseDescription(describeQuery("Top apps.", 4, params)),
    ).toEqual({ summary: "Top apps.", version: 4, params });
    expect(parseDescription(describeQuery("All apps.", 1, []))).toEqual({
      summary: "All apps.",
      version: 1,
      params: [],
    });
  });

  test("takes the version from the last line only, never from the summary", () => {
    expect(
      parseDescription(
        "Users per country, as the version 2 dashboard counted them.\nVersion 5. No parameters.",
      ).version,
    ).toBe(5);
    expect(
      parseDescription("Users per country (version 2).\nAll of them."),
    ).toEqual({ summary: "Users per country (version 2). All of them." });
  });

  test("keeps a description of another form as the summary, without parameters", () => {
    expect(parseDescription("Written by hand")).toEqual({
      summary: "Written by hand",
    });
    expect(parseDescription(undefined)).toEqual({ summary: "" });
    expect(
      parseDescription("x\nVersion 2. Parameters: dt text, e.g. 'a'."),
    ).toEqual({ summary: "x", version: 2 });
  });
});
