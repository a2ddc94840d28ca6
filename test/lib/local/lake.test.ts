import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { UsageError } from "../../../lib/errors";
import { UnsupportedConstructError } from "../../../lib/local/compat";
import {
  LocalLake,
  LocalQueryError,
  openLocalLake,
} from "../../../lib/local/lake";
import {
  FIXTURE_LAKE,
  allRows,
  namedQuery,
  tempDir,
  varcharParam,
} from "../../helpers/local-lake";

let lake: LocalLake;
beforeAll(async () => {
  lake = await openLocalLake(FIXTURE_LAKE);
});
afterAll(() => lake.close());

async function rows(sql: string, params: string[] = [], names: string[] = []) {
  const query = namedQuery(
    sql,
    names.map((n) => varcharParam(n)),
  );
  return allRows(await lake.run(query, params));
}

describe("openLocalLake", () => {
  test("names and types the tables' columns like the Glue tables", async () => {
    const result = await lake.run(
      namedQuery("SELECT * FROM users LIMIT 0"),
      [],
    );
    expect(result.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      "user_id varchar",
      "signup_ts varchar",
      "updated_at varchar",
      "country varchar",
      "platform varchar",
      "locale varchar",
      "plan varchar",
      "opt_ins row(email boolean, push boolean, sms boolean)",
      "devices array(row(device_id varchar, os varchar, os_version varchar, app_version varchar))",
      "installed_apps array(varchar)",
      "referral_source varchar",
      "dt varchar",
    ]);
  });

  test("reads every partition, plain and gzip, with missing fields as NULL", async () => {
    // 4 + 3 + 5 + 2 user records; referral_source on 4 records of 15 and 1
    // of 16; one record (u-000003) has no country.
    expect(
      await rows(
        "SELECT count(*), count(referral_source), count(country), min(dt), max(dt) FROM users",
      ),
    ).toEqual([[14, 5, 13, "2026-11-13", "2026-11-16"]]);
  });

  test("returns structs as objects and arrays as arrays", async () => {
    expect(
      await rows(
        "SELECT opt_ins, installed_apps FROM users WHERE user_id = 'u-000007'",
      ),
    ).toEqual([
      [{ email: false, push: true, sms: false }, ["a-0001", "a-0004"]],
    ]);
  });

  test("gives an empty table with the same columns for a dataset without files", async () => {
    const empty = tempDir();
    mkdirSync(join(empty, "raw"));
    const local = await openLocalLake(empty);
    try {
      const result = await local.run(namedQuery("SELECT * FROM apps"), []);
      expect(result.columns).toHaveLength(12);
      expect(await allRows(result)).toEqual([]);
    } finally {
      local.close();
    }
  });

  test("reads only .json and .json.gz files, skipping markers, checksums, hidden and temporary files", async () => {
    const dir = tempDir();
    const users = join(dir, "raw/users/dt=2026-11-02");
    const apps = join(dir, "raw/apps/dt=2026-11-02");
    mkdirSync(join(users, "_temporary"), { recursive: true });
    mkdirSync(apps, { recursive: true });
    const user = (id: string) =>
      `${JSON.stringify({ user_id: id, plan: "free", devices: [], installed_apps: [] })}\n`;
    writeFileSync(join(users, "part-00000.json"), user("u-000001"));
    writeFileSync(
      join(users, "part-00001.json.gz"),
      gzipSync(user("u-000002")),
    );
    // Valid records the crawler and Athena skip: hidden, `_` and temporary files.
    writeFileSync(join(users, ".part-00002.json"), user("u-000003"));
    writeFileSync(join(users, "_part-00003.json"), user("u-000004"));
    writeFileSync(join(users, "_temporary/part-00004.json"), user("u-000005"));
    // Files that are not JSON lines and would fail the read.
    writeFileSync(join(users, ".part-00000.json.crc"), "crc\u0000\u0001");
    writeFileSync(join(users, "_SUCCESS"), "");
    writeFileSync(join(users, "part-00005.json.tmp"), "{half a record");
    writeFileSync(
      join(apps, "part-00000.json.gz"),
      gzipSync(`${JSON.stringify({ app_id: "a-0001" })}\n`),
    );
    const local = await openLocalLake(dir);
    try {
      const query = namedQuery(
        "SELECT (SELECT list(user_id ORDER BY user_id) FROM users), (SELECT list(app_id) FROM apps)",
      );
      expect(await allRows(await local.run(query, []))).toEqual([
        [["u-000001", "u-000002"], ["a-0001"]],
      ]);
    } finally {
      local.close();
    }
  });

  test("rejects a directory that does not exist", async () => {
    await expect(openLocalLake("/no/such/lake")).rejects.toThrow(
      new UsageError(
        'Local lake directory "/no/such/lake" does not exist: pass a directory laid out like the data bucket, or create one with `lake sample --out /no/such/lake`.',
      ),
    );
  });

  test("rejects a file given as the lake directory", async () => {
    const file = join(tempDir(), "lake.json");
    writeFileSync(file, "{}\n");
    await expect(openLocalLake(file)).rejects.toThrow(
      new UsageError(
        `Local lake directory ${JSON.stringify(file)} is a file, not a directory: pass a directory laid out like the data bucket, such as one written by \`lake sample --out DIR\`.`,
      ),
    );
  });

  test("rejects an empty lake directory path", async () => {
    await expect(openLocalLake("")).rejects.toThrow(
      new UsageError(
        'Local lake directory must be a path, got "": pass a directory laid out like the data bucket, such as one written by `lake sample --out DIR`.',
      ),
    );
  });

  test("rejects a lake whose raw entry is a file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "raw"), "");
    await expect(openLocalLake(dir)).rejects.toThrow(
      `Local lake directory ${JSON.stringify(dir)} has no raw/ folder:`,
    );
  });

  test("rejects a directory without a raw folder", async () => {
    const dir = tempDir();
    await expect(openLocalLake(dir)).rejects.toThrow(
      `Local lake directory ${JSON.stringify(dir)} has no raw/ folder: a lake holds raw/<dataset>/dt=YYYY-MM-DD/*.json[.gz]; create one with \`lake sample --out ${dir}\`.`,
    );
  });
});

describe("LocalLake.run", () => {
  test("binds parameters as values, never as SQL text", async () => {
    expect(
      await rows(
        "SELECT count(*) FROM users WHERE user_id = ?",
        ["u-000001' OR '1'='1"],
        ["id"],
      ),
    ).toEqual([[0]]);
    expect(
      await rows(
        "SELECT count(*) FROM users WHERE user_id = ?",
        ["u-000001"],
        ["id"],
      ),
    ).toEqual([[2]]);
  });

  test("runs the Trino functions of the compatibility layer", async () => {
    const sql = [
      "SELECT approx_distinct(user_id), max(cardinality(installed_apps)),",
      "bool_or(contains(installed_apps, 'a-0004')), max_by(plan, updated_at),",
      "from_iso8601_timestamp(max(updated_at)),",
      "from_iso8601_date(min(dt)), count_if(country IS NULL),",
      "regexp_like(min(user_id), '^u-[0-9]+$'), array_join(['a', 'b'], '+')",
      "FROM users WHERE user_id <> ''",
    ].join(" ");
    const result = await lake.run(namedQuery(sql), []);
    expect(await allRows(result)).toEqual([
      [
        8,
        2,
        true,
        "free",
        "2026-11-16 08:00:00.000 UTC",
        "2026-11-13",
        1,
        true,
        "a+b",
      ],
    ]);
    expect(result.columns.map((c) => c.type)).toEqual([
      "bigint",
      "bigint",
      "boolean",
      "varchar",
      "timestamp with time zone",
      "date",
      "bigint",
      "boolean",
      "varchar",
    ]);
  });

  test("divides integers as Trino does, truncating toward zero", async () => {
    const result = await lake.run(
      namedQuery("SELECT 7 / 2, -7 / 2, 7 / 2.0, count(*) / 5 FROM apps"),
      [],
    );
    expect(await allRows(result)).toEqual([[3, -3, 3.5, 2]]);
    expect(result.columns.map((c) => c.type)).toEqual([
      "integer",
      "integer",
      "double",
      "bigint",
    ]);
  });

  test("counts whole units elapsed in date_diff, as Trino does", async () => {
    const sql = [
      "SELECT date_diff('day', from_iso8601_timestamp('2026-11-02T23:00:00Z'),",
      "from_iso8601_timestamp('2026-11-03T01:00:00Z')),",
      "date_diff('hour', from_iso8601_timestamp('2026-11-02T23:00:00Z'),",
      "from_iso8601_timestamp('2026-11-03T01:00:00Z')),",
      "date_diff('day', DATE '2026-11-02', DATE '2026-11-05')",
    ].join(" ");
    expect(await rows(sql)).toEqual([[0, 2, 3]]);
  });

  test("rejects date_add and date_format rather than run DuckDB's functions of those names", async () => {
    const reasons = {
      date_add:
        "DuckDB's date_add takes other arguments and returns a timestamp where Trino's returns a date for a date",
      date_format:
        "DuckDB's date_format takes strftime codes where Trino's takes MySQL codes",
    };
    const calls = {
      date_add: "SELECT DATE_ADD('day', 1, DATE '2026-11-02')",
      date_format: "SELECT date_format(DATE '2026-11-02', '%Y-%m-%d')",
    };
    for (const name of ["date_add", "date_format"] as const) {
      await expect(
        lake.run(namedQuery(calls[name], [], "dated"), []),
      ).rejects.toThrow(
        `Query dated uses the function ${name}(), which the local engine cannot run: ${reasons[name]}, and the compatibility layer in lib/local/compat.ts does not provide Trino's. Run it on Athena with --env, or rewrite it without the function ${name}().`,
      );
    }
  });

  test("rejects to_iso8601 as a function the local engine does not provide", async () => {
    const query = namedQuery("SELECT to_iso8601(DATE '2026-11-02')", [], "iso");
    await expect(lake.run(query, [])).rejects.toThrow(
      new UnsupportedConstructError(
        "iso",
        "the function to_iso8601()",
        "neither DuckDB nor the compatibility layer in lib/local/compat.ts provides it",
      ),
    );
  });

  test("unnests side by side and numbers positions as Trino does", async () => {
    // a-0004 on 16: versions 0.9.0, 1.0.0; platforms android, ios, web.
    const sql = [
      "SELECT v, p, n FROM apps",
      "CROSS JOIN UNNEST(versions, platforms) WITH ORDINALITY AS t (v, p, n)",
      "WHERE app_id = 'a-0004' AND dt = '2026-11-16' ORDER BY n",
    ].join(" ");
    expect(await rows(sql)).toEqual([
      ["0.9.0", "android", 1],
      ["1.0.0", "ios", 2],
      [null, "web", 3],
    ]);
  });

  test("stops a running query mid-way when the signal aborts, rejecting with its reason", async () => {
    // About 10^10 rows to join: minutes of work if it is not interrupted.
    const slow = namedQuery(
      "SELECT sum(a.range * b.range) FROM range(100000) AS a, range(100000) AS b",
    );
    const controller = new AbortController();
    const reason = new Error("stopped by the test");
    const started = Date.now();
    setTimeout(() => controller.abort(reason), 200);
    const read = async () =>
      allRows(await lake.run(slow, [], { signal: controller.signal }));
    await expect(read()).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await rows("SELECT count(*) FROM apps")).toEqual([[13]]);
  });

  test("rejects a run whose signal is already aborted without running it", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped before the start");
    controller.abort(reason);
    await expect(
      lake.run(namedQuery("SELECT 1"), [], { signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  test("rejects the wrong number of parameters, listing the ones expected", async () => {
    const query = namedQuery("SELECT ?", [varcharParam("dt")], "by_day");
    await expect(lake.run(query, [])).rejects.toThrow(
      [
        "Query by_day takes 1 parameter, got 0 --param values. Pass one --param per parameter, in this order:",
        "  - dt varchar, e.g. '2026-11-15'",
      ].join("\n"),
    );
  });

  test("rejects a function neither DuckDB nor the layer provides, naming it", async () => {
    const query = namedQuery(
      "SELECT levenshtein_ratio(user_id, 'x') FROM users",
      [],
      "fuzzy",
    );
    await expect(lake.run(query, [])).rejects.toThrow(
      new UnsupportedConstructError(
        "fuzzy",
        "the function levenshtein_ratio()",
        "neither DuckDB nor the compatibility layer in lib/local/compat.ts provides it",
      ),
    );
  });

  test("fails with the query's name and file when DuckDB rejects the SQL", async () => {
    const query = namedQuery("SELECT no_such_column FROM users", [], "broken");
    const run = lake.run(query, []);
    await expect(run).rejects.toThrow(LocalQueryError);
    await expect(lake.run(query, [])).rejects.toThrow(
      /^Query broken \(queries\/test\/broken\.sql\) failed on the local lake: Binder Error: Referenced column "no_such_column" not found/,
    );
  });
});

describe("LocalLake.profile", () => {
  test("lists the files a date-bounded query reads", async () => {
    const query = namedQuery(
      "SELECT count(*) FROM apps WHERE dt BETWEEN ? AND ?",
      [varcharParam("first_dt"), varcharParam("last_dt")],
    );
    const profile = await lake.profile(query, ["2026-11-15", "2026-11-16"]);
    expect(profile.scans).toEqual([
      {
        function: "READ_JSON",
        filesRead: [
          "raw/apps/dt=2026-11-15/part-00000.json",
          "raw/apps/dt=2026-11-16/part-00000.json",
        ],
        totalFilesRead: 2,
        scanning: "2/3",
      },
    ]);
  });

  test("reports every file read when no partition filter applies", async () => {
    const profile = await lake.profile(
      namedQuery("SELECT count(*) FROM users"),
      [],
    );
    expect(profile.scans.map((s) => s.totalFilesRead)).toEqual([4]);
  });
});
