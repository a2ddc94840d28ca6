/**
 * Conversion of Athena's result cells, which arrive as text, into typed
 * values by the column types of the result set metadata.
 */

import type { ResultValue } from "../engine";

const INTEGER_TYPES = new Set([
  "tinyint",
  "smallint",
  "integer",
  "int",
  "bigint",
]);
const FLOAT_TYPES = new Set(["double", "real", "float"]);

/**
 * Converts one cell of a GetQueryResults row into a typed value.
 *
 * A cell without a value is SQL NULL. Integers become numbers while they
 * fit in 2^53 and strings beyond; `double`/`real` become numbers (`NaN` and
 * infinities stay strings, which JSON cannot hold); `boolean` becomes a
 * boolean. Every other type (decimal, date, timestamp, varchar, and the
 * complex types `array`, `map`, `row`, whose text form Athena does not
 * quote unambiguously) stays the text Athena returned.
 */
export function athenaValue(
  type: string,
  text: string | undefined,
): ResultValue {
  if (text === undefined) return null;
  const base = type.toLowerCase();
  if (text === "") return text;
  if (INTEGER_TYPES.has(base)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : text;
  }
  if (FLOAT_TYPES.has(base)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : text;
  }
  if (base === "boolean") {
    if (text === "true") return true;
    if (text === "false") return false;
  }
  return text;
}
