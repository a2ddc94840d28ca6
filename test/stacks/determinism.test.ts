import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir, hostname, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { loadSettings } from "../../lib/settings";
import { changedAddresses, synthStack } from "../helpers/synth";

const ROOT = join(__dirname, "..", "..");

/** Runs the real entry point, `npx tsx main.ts`, into a fresh directory. */
function synthInto(outdir: string): void {
  const result = spawnSync("npx", ["tsx", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

/** Every file under a directory, by path relative to it, with its bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

describe("synthesized output", () => {
  const scratch = mkdtempSync(join(tmpdir(), "determinism-"));
  const first = join(scratch, "first");
  const second = join(scratch, "second");
  let firstTree: Map<string, Buffer>;
  let secondTree: Map<string, Buffer>;

  beforeAll(() => {
    synthInto(first);
    synthInto(second);
    firstTree = readTree(first);
    secondTree = readTree(second);
  }, 60_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("two synths of the same commit are byte-identical", () => {
    expect([...firstTree.keys()]).toEqual([...secondTree.keys()]);
    expect([...firstTree.keys()]).toEqual(
      expect.arrayContaining([
        "manifest.json",
        join("stacks", "analytics-dev", "cdk.tf.json"),
        join("stacks", "analytics-prod", "cdk.tf.json"),
      ]),
    );
    for (const [path, bytes] of firstTree) {
      const other = secondTree.get(path);
      // Compare as text first so a failure shows the differing lines.
      expect({ path, text: other?.toString("utf8") }).toEqual({
        path,
        text: bytes.toString("utf8"),
      });
      expect(other?.equals(bytes)).toBe(true);
    }
  });

  test("holds no absolute paths, timestamps or machine names", () => {
    const today = new Date().toISOString().slice(0, 10);
    const forbidden: Array<[string, RegExp]> = [
      ["the repository path", new RegExp(escape(ROOT))],
      ["the home directory", new RegExp(`${escape(homedir())}/`)],
      ["the temporary directory", new RegExp(`${escape(tmpdir())}/`)],
      ["the output directory", new RegExp(escape(first))],
      ["today's date", new RegExp(today)],
      ["a timestamp", /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
      ["the host name", new RegExp(`\\b${escape(hostname())}\\b`)],
    ];
    const found: string[] = [];
    for (const [path, bytes] of firstTree) {
      const text = bytes.toString("utf8");
      for (const [what, pattern] of forbidden) {
        // Host names shorter than 4 characters match too much by chance.
        if (what === "the host name" && hostname().length < 4) continue;
        const match = pattern.exec(text);
        if (match) found.push(`${path} contains ${what}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("named queries in the synthesized stack", () => {
  test("adding one .sql file changes exactly one resource", () => {
    const settings = loadSettings();
    const copy = join(mkdtempSync(join(tmpdir(), "queries-")), "queries");
    cpSync(join(ROOT, "queries"), copy, { recursive: true });
    const before = synthStack(settings, "dev", copy);

    const text = readFileSync(
      join(copy, "users", "users_by_country.sql"),
      "utf8",
    );
    writeFileSync(join(copy, "users", "users_by_country_copy.sql"), text);
    const after = synthStack(settings, "dev", copy);

    expect(changedAddresses(before, after)).toEqual([
      "aws_athena_named_query.named_queries_users_by_country_copy",
    ]);
    rmSync(copy, { recursive: true, force: true });
  });
});
