/**
 * The lock of the named queries, `queries/queries.lock.json`: the version
 * and a sha256 of the text of every query file. It makes a change to a
 * query's text without a new `-- version:` impossible to miss, since a
 * named query's version is how analysts tell its revisions apart.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { Problem, QueryFileError, ruleBroken } from "../errors";
import { QuerySource } from "./loader";

/** File name of the lock, inside the queries folder. */
export const LOCK_FILE_NAME = "queries.lock.json";

/** What the lock records about one query. */
export interface LockEntry {
  readonly version: number;
  /** sha256 of the file's text as UTF-8, in hex. */
  readonly sha256: string;
}

/** The lock: one entry per query name, sorted by name. */
export interface QueryLock {
  readonly queries: Readonly<Record<string, LockEntry>>;
}

/**
 * What a lock problem asks for: `edit-query` needs a change to a `.sql`
 * file; `relock` is fixed by `npm run queries:lock`.
 */
export type LockProblemKind = "edit-query" | "relock";

/** A difference between the query files and the lock. */
export interface LockProblem extends Problem {
  readonly kind: LockProblemKind;
}

const RELOCK = "run `npm run queries:lock`";

/** The sha256 of a file's text, in hex. */
export function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Builds the lock that matches the given query files. */
export function buildLock(sources: readonly QuerySource[]): QueryLock {
  const queries: Record<string, LockEntry> = {};
  const sorted = [...sources].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const source of sorted) {
    if (source.header.version === undefined) continue;
    queries[source.name] = {
      version: source.header.version,
      sha256: hashText(source.text),
    };
  }
  return { queries };
}

/** Renders a lock as the JSON text written to the lock file. */
export function serializeLock(lock: QueryLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/**
 * Reads a lock file. A missing file is an empty lock; unreadable content
 * throws QueryFileError.
 */
export function readLock(file: string): QueryLock {
  if (!fs.existsSync(file)) return { queries: {} };
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new QueryFileError(file, [
      {
        path: file,
        message: `is not valid JSON (${(error as Error).message}): delete it and ${RELOCK}`,
      },
    ]);
  }

  const problems: Problem[] = [];
  const queries = (data as { queries?: unknown } | null)?.queries;
  if (typeof queries !== "object" || queries === null || Array.isArray(queries)) {
    problems.push(
      ruleBroken("queries", `must be an object of query entries; delete the file and ${RELOCK}`, queries),
    );
    throw new QueryFileError(file, problems);
  }
  for (const [name, entry] of Object.entries(queries)) {
    const { version, sha256 } = (entry ?? {}) as Partial<LockEntry>;
    const valid =
      Number.isSafeInteger(version) &&
      (version as number) > 0 &&
      typeof sha256 === "string" &&
      /^[0-9a-f]{64}$/.test(sha256);
    if (!valid) {
      problems.push(
        ruleBroken(
          `queries.${name}`,
          `must be { "version": <positive integer>, "sha256": <64 hex digits> }; ${RELOCK} to rewrite it`,
          entry,
        ),
      );
    }
  }
  if (problems.length > 0) throw new QueryFileError(file, problems);
  return data as QueryLock;
}

/**
 * Compares the query files with the lock. Returns, in file order:
 *
 * - `edit-query`: a file's text changed but its version did not, its version
 *   is lower than the locked one, or it has no valid version;
 * - `relock`: a query missing from the lock, a lock entry without a query,
 *   or a version bumped without rewriting the lock.
 */
export function checkLock(
  sources: readonly QuerySource[],
  lock: QueryLock,
  lockFile = `queries/${LOCK_FILE_NAME}`,
): LockProblem[] {
  const problems: LockProblem[] = [];
  const names = new Set<string>();

  for (const source of sources) {
    names.add(source.name);
    const { version, versionLine } = source.header;
    const at = `${source.file}:${versionLine}`;
    const locked = Object.hasOwn(lock.queries, source.name)
      ? lock.queries[source.name]
      : undefined;

    if (version === undefined) {
      problems.push({
        kind: "edit-query",
        path: at,
        message: "has no valid `-- version: N` line: add one, then run `npm run queries:lock`",
      });
    } else if (locked === undefined) {
      problems.push({
        kind: "relock",
        path: at,
        message: `is not in ${lockFile}: ${RELOCK}`,
      });
    } else if (version < locked.version) {
      problems.push({
        kind: "edit-query",
        path: at,
        message: `version went down from ${locked.version} to ${version}: versions only go up, set \`-- version:\` to ${locked.version + 1} and ${RELOCK}`,
      });
    } else if (version === locked.version) {
      if (hashText(source.text) !== locked.sha256) {
        problems.push({
          kind: "edit-query",
          path: at,
          message: `changed since version ${locked.version} was locked: bump \`-- version:\` to ${locked.version + 1} and ${RELOCK}`,
        });
      }
    } else {
      problems.push({
        kind: "relock",
        path: at,
        message: `version is ${version} but ${lockFile} still records ${locked.version}: ${RELOCK}`,
      });
    }
  }

  for (const name of Object.keys(lock.queries)) {
    if (names.has(name)) continue;
    problems.push({
      kind: "relock",
      path: lockFile,
      message: `records query ${JSON.stringify(name)}, which has no file any more: ${RELOCK}`,
    });
  }
  return problems;
}
