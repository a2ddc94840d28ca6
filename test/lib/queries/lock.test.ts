import { QueryFileError } from "../../../lib/errors";
import { QuerySource, readQuerySources } from "../../../lib/queries/loader";
import {
  QueryLock,
  buildLock,
  checkLock,
  hashText,
  readLock,
  serializeLock,
} from "../../../lib/queries/lock";

const FIXTURES = "test/fixtures/queries";
const COUNTRY = `${FIXTURES}/valid/users/country_counts.sql`;
const RAW = `${FIXTURES}/valid/ops/raw_files.sql`;
const LOCK = "queries/queries.lock.json";

function sources(): QuerySource[] {
  return readQuerySources(`${FIXTURES}/valid`);
}

/** The sources with one file's text edited and its version set. */
function edited(name: string, version: number | undefined, text = "x"): QuerySource[] {
  return sources().map((s) =>
    s.name === name
      ? { ...s, text: s.text + text, header: { ...s.header, version } }
      : s,
  );
}

function readError(file: string): QueryFileError {
  try {
    readLock(file);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryFileError);
    return error as QueryFileError;
  }
  throw new Error(`expected ${file} to fail`);
}

describe("buildLock", () => {
  test("records version and sha256 of each file's text, sorted by name", () => {
    const all = sources();
    const lock = buildLock(all);

    expect(Object.keys(lock.queries)).toEqual(["country_counts", "raw_files"]);
    expect(lock.queries.country_counts).toEqual({
      version: 3,
      sha256: hashText(all.find((s) => s.name === "country_counts")!.text),
    });
    expect(hashText("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("serializes as indented JSON with a final line break", () => {
    const text = serializeLock({ queries: { a: { version: 1, sha256: "f" } } });

    expect(text).toBe(
      '{\n  "queries": {\n    "a": {\n      "version": 1,\n      "sha256": "f"\n    }\n  }\n}\n',
    );
  });
});

describe("checkLock", () => {
  test("finds nothing when the lock matches the files", () => {
    expect(checkLock(sources(), buildLock(sources()))).toEqual([]);
  });

  test("rejects text changed without a version bump", () => {
    const problems = checkLock(edited("country_counts", 3), buildLock(sources()));

    expect(problems).toEqual([
      {
        kind: "edit-query",
        path: `${COUNTRY}:5`,
        message:
          "changed since version 3 was locked: bump `-- version:` to 4 and run `npm run queries:lock`",
      },
    ]);
  });

  test("rejects a version that went down", () => {
    const problems = checkLock(edited("country_counts", 2), buildLock(sources()));

    expect(problems).toEqual([
      {
        kind: "edit-query",
        path: `${COUNTRY}:5`,
        message:
          "version went down from 3 to 2: versions only go up, set `-- version:` to 4 and run `npm run queries:lock`",
      },
    ]);
  });

  test("rejects a file without a valid version", () => {
    const problems = checkLock(edited("raw_files", undefined), buildLock(sources()));

    expect(problems).toEqual([
      {
        kind: "edit-query",
        path: `${RAW}:2`,
        message:
          "has no valid `-- version: N` line: add one, then run `npm run queries:lock`",
      },
    ]);
  });

  test("reports a stale lock after a version bump", () => {
    const problems = checkLock(edited("country_counts", 4), buildLock(sources()));

    expect(problems).toEqual([
      {
        kind: "relock",
        path: `${COUNTRY}:5`,
        message: `version is 4 but ${LOCK} still records 3: run \`npm run queries:lock\``,
      },
    ]);
  });

  test("reports a stale lock that misses a query or has one too many", () => {
    const { country_counts } = buildLock(sources()).queries;
    const stale: QueryLock = {
      queries: {
        country_counts,
        gone_query: { version: 1, sha256: "0".repeat(64) },
      },
    };

    expect(checkLock(sources(), stale, "locks/q.json")).toEqual([
      {
        kind: "relock",
        path: `${RAW}:2`,
        message: "is not in locks/q.json: run `npm run queries:lock`",
      },
      {
        kind: "relock",
        path: "locks/q.json",
        message:
          'records query "gone_query", which has no file any more: run `npm run queries:lock`',
      },
    ]);
  });

  test("accepts a bumped version whose lock was rewritten", () => {
    const bumped = edited("country_counts", 4);

    expect(checkLock(bumped, buildLock(bumped))).toEqual([]);
  });
});

describe("readLock", () => {
  test("reads a missing lock as an empty one", () => {
    expect(readLock(`${FIXTURES}/locks/missing.json`)).toEqual({ queries: {} });
  });

  test("reads the lock of the shipped queries", () => {
    const lock = readLock(LOCK);

    expect(Object.keys(lock.queries).length).toBeGreaterThanOrEqual(8);
  });

  test("rejects a lock that is not JSON", () => {
    const error = readError(`${FIXTURES}/locks/not-json.json`);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].path).toBe(`${FIXTURES}/locks/not-json.json`);
    expect(error.problems[0].message).toMatch(
      /^is not valid JSON \(.+\): delete it and run `npm run queries:lock`$/,
    );
  });

  test("rejects a lock whose queries are not an object", () => {
    expect(readError(`${FIXTURES}/locks/not-an-object.json`).problems).toEqual([
      {
        path: "queries",
        message:
          "must be an object of query entries; delete the file and run `npm run queries:lock`, got []",
      },
    ]);
  });

  test("rejects entries without a positive version and a sha256", () => {
    expect(readError(`${FIXTURES}/locks/bad-entries.json`).problems).toEqual([
      {
        path: "queries.users_by_country",
        message:
          'must be { "version": <positive integer>, "sha256": <64 hex digits> }; run `npm run queries:lock` to rewrite it, got {"version":0,"sha256":"abc"}',
      },
    ]);
  });
});
