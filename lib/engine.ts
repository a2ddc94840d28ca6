/**
 * What every query engine (Athena, local DuckDB) hands the CLI's output
 * formatters: typed columns and a stream of rows, so that no engine needs
 * memory in proportion to the size of a result.
 */

/** A result column with its SQL type as Athena names it (`varchar`, `bigint`, `array(varchar)`...). */
export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * A JSON-safe value: numbers for integers within 2^53 and for floating
 * point, strings for larger integers, decimals, dates and timestamps,
 * arrays for arrays, objects for rows, maps and structs, null for NULL.
 */
export type ResultValue =
  | null
  | boolean
  | number
  | string
  | readonly ResultValue[]
  | { readonly [key: string]: ResultValue };

/** A query result being read: columns first, then rows as they arrive. */
export interface QueryResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: AsyncIterable<readonly ResultValue[]>;
}
