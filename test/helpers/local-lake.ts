import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryResult, ResultValue } from "../../lib/engine";
import { NamedQuery, QueryParam } from "../../lib/queries/loader";

/** The hand-written fixture lake. */
export const FIXTURE_LAKE = join(__dirname, "..", "fixtures", "lake");

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
