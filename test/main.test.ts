import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const FIXTURES = join(__dirname, "fixtures", "settings");

let workdir: string;

beforeEach(() => {
  // main.ts reads config/ and queries/ and writes cdktf.out/ relative to
  // the working directory, so each run gets a directory of its own.
  workdir = mkdtempSync(join(tmpdir(), "synth-"));
  mkdirSync(join(workdir, "config"));
  symlinkSync(join(ROOT, "queries"), join(workdir, "queries"), "dir");
});

afterEach(() => {
  rmSync(workdir, { recursive: true, force: true });
});

/** Runs `main.ts` in the work directory with the given settings fixture. */
function synthWith(fixture: string) {
  copyFileSync(
    join(FIXTURES, fixture),
    join(workdir, "config", "environments.yaml"),
  );
  return spawnSync(TSX, [join(ROOT, "main.ts")], {
    cwd: workdir,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("main", () => {
  test("fails for bad settings with the message alone, exit code 1 and no output written", () => {
    const result = synthWith("misspelled-keys.yaml");

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "config/environments.yaml has 3 problems:",
        "  - environments.dev.storge: unknown setting; check its spelling against the settings reference in the README",
        "  - environments.prod.storage.resultsExpiryDays: must be at least 1, got 0",
        "  - environments.prod.crawler.schedul: unknown setting; check its spelling against the settings reference in the README",
        "Fix the settings above and run again.",
        "",
      ].join("\n"),
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(workdir, "cdktf.out"))).toBe(false);
  });

  test("fails for settings that are not YAML without a stack trace", () => {
    const result = synthWith("invalid-yaml.yaml");

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^config\/environments\.yaml has 1 problem:\n {2}- line 6: not valid YAML: /,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(workdir, "cdktf.out"))).toBe(false);
  });

  test("synthesizes one stack per environment of valid settings", () => {
    const result = synthWith("minimal.yaml");

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const stack = JSON.parse(
      readFileSync(
        join(workdir, "cdktf.out", "stacks", "analytics-dev", "cdk.tf.json"),
        "utf8",
      ),
    );
    expect(stack.provider.aws[0].allowed_account_ids).toEqual(["111111111111"]);
    const manifest = JSON.parse(
      readFileSync(join(workdir, "cdktf.out", "manifest.json"), "utf8"),
    );
    expect(Object.keys(manifest.stacks)).toEqual(["analytics-dev"]);
  });

  test("fails for a broken query file with the file and line, writing nothing", () => {
    unlinkSync(join(workdir, "queries"));
    cpSync(join(ROOT, "queries"), join(workdir, "queries"), {
      recursive: true,
    });
    writeFileSync(
      join(workdir, "queries", "users", "broken.sql"),
      "-- Counts nothing.\n-- version: 1\n\nSELEC 1\n",
    );

    const result = synthWith("minimal.yaml");

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^queries has 1 problem:\n {2}- queries\/users\/broken\.sql:4: /,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(workdir, "cdktf.out"))).toBe(false);
  });

  test("prints a degraded setup's warning and keeps machine paths out of the output", () => {
    const result = synthWith("full-recrawl-logged.yaml");

    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      "Warning: analytics-dev/Crawler: Crawler analytics-dev-raw recrawls everything but only logs schema changes (updateBehavior LOG): new columns never reach the tables. Set crawler.updateBehavior to UPDATE_IN_DATABASE, or recrawl to new-folders-only.\n",
    );
    const manifest = readFileSync(
      join(workdir, "cdktf.out", "manifest.json"),
      "utf8",
    );
    expect(manifest).toContain("recrawls everything");
    expect(manifest).not.toContain(ROOT);
    expect(manifest).not.toContain(workdir);
  });

  test("removes the output of stacks no longer in the settings", () => {
    const stale = join(workdir, "cdktf.out", "stacks", "analytics-old");
    mkdirSync(stale, { recursive: true });

    expect(synthWith("minimal.yaml").status).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });
});
