/**
 * Reading what Athena stores of a named query: the statement without its
 * file header, and the description the loader wrote from the header
 * (summary, then `Version N. Parameters: ...`). The commands take version
 * and parameter types from that description.
 */

import { UsageError } from "../lib/errors";
import { LOCAL_QUERY_VARIABLES } from "../lib/local/lake";
import {
  loadQueries,
  parseDescription,
  type NamedQuery,
} from "../lib/queries/loader";
import { bindParameters, parseLiteral } from "../lib/queries/params";
import { scanSql } from "../lib/queries/sql-text";

/**
 * Converts `--param` values into Athena execution parameters.
 *
 * When the description lists as many parameters as the statement has `?`
 * markers, each value is converted by its declared type. Otherwise the
 * values are checked against the `?` count alone, and each is kept when it
 * already is an SQL literal (`10`, `DATE '2026-11-02'`, `'x'`) and quoted
 * as a varchar when not.
 */
export function athenaParameters(
  name: string,
  sql: string,
  description: string | undefined,
  values: readonly string[],
): string[] {
  const markers = scanSql(sql).markers.length;
  const { params } = parseDescription(description);
  if (params && params.length === markers) {
    return [...bindParameters({ name, params }, values).executionParameters];
  }
  if (values.length !== markers) {
    const got =
      values.length === 1
        ? "1 --param value"
        : `${values.length} --param values`;
    const takes = markers === 1 ? "1 ? parameter" : `${markers} ? parameters`;
    throw new UsageError(
      `Query ${name} has ${takes}, got ${got}: pass one --param per ?, in order.`,
    );
  }
  return values.map((v) =>
    parseLiteral(v) ? v.trim() : `'${v.replace(/'/g, "''")}'`,
  );
}

/** Loads the query files of a folder for a local lake. */
export function loadLocalQueries(directory: string): NamedQuery[] {
  return loadQueries({ directory, variables: LOCAL_QUERY_VARIABLES });
}
