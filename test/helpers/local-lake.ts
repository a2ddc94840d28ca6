import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryResult, ResultValue } from "../../lib/engine";
import {
  LOCAL_QUERY_VARIABLES,
  LocalLake,
  openLocalLake,
} from "../../lib/local/lake";
import { NamedQuery, QueryParam, loadQueries } from "../../lib/queries/loader";

/** The hand-written fixture lake. */
export const FIXTURE_LAKE = join(__dirname, "..", "fixtures", "lake");

/**
 * Opens the fixture lake before the first test of the calling file and
 * closes it after the last; returns a getter for the open lake.
 */
export function useFixtureLake(): () => LocalLake {
  let lake: LocalLake | undefined;
  beforeAll(async () => {
    lake = await openLocalLake(FIXTURE_LAKE);
  });
  afterAll(() => lake?.close());
  return () => {
    if (!lake) throw new Error("test setup: the fixture lake is not open yet");
    return lake;
  };
}

/** A named query made from SQL text, for engine tests. */
export function namedQuery(
  sql: string,
  params: readonly QueryParam[] = [],
  name = "test_query",
): NamedQuery {
  return {
    name,
    topic: "test",
    file: `queries/test/${name}.sql`,
    version: 1,
    summary: "Test query.",
    description: "Test query.",
    params: [...params],
    sql,
  };
}

/** A varchar parameter declaration. */
export function varcharParam(
  name: string,
  example = "'2026-11-15'",
): QueryParam {
  return { name, type: "varchar", example };
}

/** Reads every row of a result. */
export async function allRows(result: QueryResult): Promise<ResultValue[][]> {
  const rows: ResultValue[][] = [];
  for await (const row of result.rows) rows.push([...row]);
  return rows;
}

/** A fresh temporary directory. */
export function tempDir(prefix = "lake-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Loads one named query from `queries/`, templated for a local run. */
export function loadLocalQuery(name: string): NamedQuery {
  const queries = loadQueries({
    directory: join(__dirname, "..", "..", "queries"),
    variables: LOCAL_QUERY_VARIABLES,
  });
  const query = queries.find((q) => q.name === name);
  if (!query) throw new Error(`test setup: no query named ${name} in queries/`);
  return query;
}

/** Runs a named query from `queries/` on a lake and returns columns and rows. */
export async function runLocalQuery(
  lake: LocalLake,
  name: string,
  params: readonly string[],
): Promise<{ columns: string[]; rows: ResultValue[][] }> {
  const result = await lake.run(loadLocalQuery(name), params);
  return {
    columns: result.columns.map((c) => `${c.name} ${c.type}`),
    rows: await allRows(result),
  };
}

/** The files a named query reads on a lake, per scan, relative to the lake. */
export async function filesReadBy(
  lake: LocalLake,
  name: string,
  params: readonly string[],
): Promise<string[]> {
  const profile = await lake.profile(loadLocalQuery(name), params);
  return profile.scans.flatMap((s) => s.filesRead).sort();
}
