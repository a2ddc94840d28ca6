/**
 * What every query engine (Athena, local DuckDB) hands the CLI's output
 * formatters: typed columns and a stream of rows, so that no engine needs
 * memory in proportion to the size of a result.
 */

/** A result column with its SQL type as Athena names it (`varchar`, `bigint`, `array(varchar)`...). */
export interface ResultColumn {
  /** Column name as the query's SELECT list gives it. */
  readonly name: string;
  /** SQL type as Athena names it. */
  readonly type: string;
}

/**
 * A JSON-safe value: numbers for integers within 2^53 and for floating
 * point, booleans, strings for larger integers, decimals, dates and
 * timestamps, null for NULL.
 *
 * Complex types differ by engine. The local DuckDB engine gives arrays as
 * arrays and structs and maps as objects; Athena gives `array`, `map` and
 * `row` values as the text it returned, since that text does not quote its
 * elements unambiguously.
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
  /** Columns in SELECT order. */
  readonly columns: readonly ResultColumn[];
  /** Rows, each with one value per column, read as the engine delivers them. */
  readonly rows: AsyncIterable<readonly ResultValue[]>;
}
