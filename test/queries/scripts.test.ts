import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const TSX = require.resolve("tsx/cli");
const LOCK = "queries/queries.lock.json";
const QUERY = "queries/users/users_by_plan.sql";

/** Runs a script of `scripts/` in `cwd`, returning exit code and stderr. */
function run(cwd: string, script: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [TSX, path.join(ROOT, "scripts", script), ...args],
    { cwd, encoding: "utf8" },
  );
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe("npm run queries:lock and lint:sql", () => {
  let work: string;
  const read = (file: string) => fs.readFileSync(path.join(work, file), "utf8");
  const write = (file: string, text: string) =>
    fs.writeFileSync(path.join(work, file), text);

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "queries-scripts-"));
    fs.cpSync(path.join(ROOT, "queries"), path.join(work, "queries"), {
      recursive: true,
    });
  });

  afterEach(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("refuses to lock a query changed without a version bump, writing nothing", () => {
    const lock = read(LOCK);
    write(QUERY, read(QUERY).replace("ORDER BY", "ORDER BY\n  share_pct DESC,"));

    const result = run(work, "queries-lock.ts");

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${QUERY}:4: changed since version 1 was locked: bump \`-- version:\` to 2 and run \`npm run queries:lock\`\n${LOCK} was not written.\n`,
    );
    expect(read(LOCK)).toBe(lock);
  });

  test("refuses to lock a version that went down", () => {
    write(LOCK, read(LOCK).replace('"version": 1', '"version": 3'));

    const result = run(work, "queries-lock.ts");

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "version went down from 3 to 1: versions only go up, set `-- version:` to 4 and run `npm run queries:lock`",
    );
  });

  test("rewrites the lock after a version bump, and --check then passes", () => {
    write(
      QUERY,
      read(QUERY)
        .replace("-- version: 1", "-- version: 2")
        .replace("ORDER BY", "ORDER BY\n  share_pct DESC,"),
    );
    expect(run(work, "queries-lock.ts", "--check")).toMatchObject({
      status: 1,
      stderr: `${QUERY}:4: version is 2 but ${LOCK} still records 1: run \`npm run queries:lock\`\n`,
    });

    const result = run(work, "queries-lock.ts");

    expect(result).toMatchObject({
      status: 0,
      stdout: "",
      stderr: `Wrote ${LOCK}: 8 queries, 1 updated.\n`,
    });
    expect(JSON.parse(read(LOCK)).queries.users_by_plan.version).toBe(2);
    expect(run(work, "queries-lock.ts", "--check")).toMatchObject({
      status: 0,
      stderr: `${LOCK} is up to date.\n`,
    });
  });

  test("lists unformatted files, and --fix formats them", () => {
    write(QUERY, read(QUERY).replace("SELECT\n  plan,", "select plan,"));

    expect(run(work, "lint-sql.ts")).toMatchObject({
      status: 1,
      stderr: `${QUERY}: not formatted\n1 of 8 query files need attention. Run \`npm run lint:sql -- --fix\` to format them.\n`,
    });
    expect(run(work, "lint-sql.ts", "--fix")).toMatchObject({
      status: 0,
      stderr: `${QUERY}: formatted\n8 query files checked, 1 formatted.\n`,
    });
    expect(read(QUERY)).toBe(fs.readFileSync(path.join(ROOT, QUERY), "utf8"));
    expect(run(work, "lint-sql.ts")).toMatchObject({
      status: 0,
      stderr: "8 query files formatted.\n",
    });
  });
});
