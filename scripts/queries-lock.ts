/**
 * `npm run queries:lock`: rewrites `queries/queries.lock.json` so that it
 * records the version and text hash of every query file.
 *
 * Refuses, writing nothing, when a query's text changed without a new
 * `-- version:` or a version went down: those need an edit to the `.sql`
 * file, not a new lock. With `--check`, only reports whether the lock is
 * up to date.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runEntryPoint } from "../cli/entry";
import { QUERIES_DIRECTORY, readQuerySources } from "../lib/queries/loader";
import {
  LOCK_FILE_NAME,
  buildLock,
  checkLock,
  readLock,
  serializeLock,
} from "../lib/queries/lock";

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown argument ${JSON.stringify(unknown[0])}: use no argument to rewrite the lock, or --check to verify it.\n`,
    );
    return 2;
  }
  const check = args.includes("--check");
  const lockFile = path.posix.join(QUERIES_DIRECTORY, LOCK_FILE_NAME);

  const sources = readQuerySources(QUERIES_DIRECTORY);
  const problems = checkLock(sources, readLock(lockFile), lockFile);
  const blocking = problems.filter((p) => p.kind === "edit-query");
  const shown = check ? problems : blocking;
  for (const problem of shown) {
    process.stderr.write(`${problem.path}: ${problem.message}\n`);
  }

  if (check) {
    if (problems.length > 0) return 1;
    process.stderr.write(`${lockFile} is up to date.\n`);
    return 0;
  }
  if (blocking.length > 0) {
    process.stderr.write(`${lockFile} was not written.\n`);
    return 1;
  }
  fs.writeFileSync(lockFile, serializeLock(buildLock(sources)));
  const count = sources.length === 1 ? "1 query" : `${sources.length} queries`;
  const changed =
    problems.length === 0 ? "no change" : `${problems.length} updated`;
  process.stderr.write(`Wrote ${lockFile}: ${count}, ${changed}.\n`);
  return 0;
}

runEntryPoint(() => main(process.argv.slice(2)));
