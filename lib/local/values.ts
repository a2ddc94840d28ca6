/**
 * Conversion of DuckDB result columns and values into what every query
 * engine hands the CLI: Athena type names and JSON-safe values.
 */
import {
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBTypeId,
  DuckDBValue,
} from "@duckdb/node-api";
import { ResultValue } from "../engine";

const MICROS_PER_MILLI = 1000n;

/** The type name Athena reports for a column of this DuckDB type. */
export function athenaTypeName(type: DuckDBType): string {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return "boolean";
    case DuckDBTypeId.TINYINT:
      return "tinyint";
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return "smallint";
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return "integer";
    // DuckDB sums BIGINT into HUGEINT where Trino keeps bigint; values
    // beyond 2^53 come out as strings either way.
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return "bigint";
    case DuckDBTypeId.FLOAT:
      return "real";
    case DuckDBTypeId.DOUBLE:
      return "double";
    case DuckDBTypeId.DECIMAL:
      return `decimal(${type.width},${type.scale})`;
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.UUID:
      return "varchar";
    case DuckDBTypeId.BLOB:
      return "varbinary";
    case DuckDBTypeId.DATE:
      return "date";
    case DuckDBTypeId.TIME:
      return "time";
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return "timestamp";
    case DuckDBTypeId.TIMESTAMP_TZ:
      return "timestamp with time zone";
    case DuckDBTypeId.INTERVAL:
      return "interval day to second";
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `array(${athenaTypeName(type.valueType)})`;
    case DuckDBTypeId.MAP:
      return `map(${athenaTypeName(type.keyType)}, ${athenaTypeName(type.valueType)})`;
    case DuckDBTypeId.STRUCT:
      return `row(${type.entryNames
        .map((name, i) => `${name} ${athenaTypeName(type.entryTypes[i])}`)
        .join(", ")})`;
    case DuckDBTypeId.SQLNULL:
      return "unknown";
    default:
      // Types no Athena query returns (BIT, UNION...) keep DuckDB's name.
      return type.toString().toLowerCase();
  }
}

/**
 * Converts one DuckDB value: integers to numbers when exact (strings beyond
 * 2^53), dates to `YYYY-MM-DD`, timestamps to Athena's text for them
 * (`2026-11-02 08:15:00.000`), lists to arrays, structs and maps to
 * objects, anything else to its text.
 */
export function toResultValue(value: DuckDBValue): ResultValue {
  if (value === null) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number")
    return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") {
    const safe =
      value <= BigInt(Number.MAX_SAFE_INTEGER) &&
      value >= BigInt(Number.MIN_SAFE_INTEGER);
    return safe ? Number(value) : value.toString();
  }
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    return value.items.map(toResultValue);
  }
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(
      Object.entries(value.entries).map(([k, v]) => [k, toResultValue(v)]),
    );
  }
  if (value instanceof DuckDBMapValue) {
    return Object.fromEntries(
      value.entries.map((e) => [
        String(toResultValue(e.key)),
        toResultValue(e.value),
      ]),
    );
  }
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBTimestampTZValue) {
    return athenaTimestamp(
      value.isFinite,
      value.micros,
      value.toString(),
      " UTC",
    );
  }
  if (value instanceof DuckDBTimestampValue) {
    return athenaTimestamp(value.isFinite, value.micros, value.toString(), "");
  }
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return athenaTimestamp(
      value.isFinite,
      value.millis * MICROS_PER_MILLI,
      value.toString(),
      "",
    );
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return athenaTimestamp(
      value.isFinite,
      value.seconds * 1_000_000n,
      value.toString(),
      "",
    );
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    return athenaTimestamp(
      value.isFinite,
      value.nanos / MICROS_PER_MILLI,
      value.toString(),
      "",
    );
  }
  return value.toString();
}

/**
 * A timestamp as Athena's GetQueryResults writes it, millisecond precision:
 * `2026-11-02 08:15:00.000`, with ` UTC` for zoned values (the session
 * time zone is UTC, so every zoned value is shown in it).
 */
function athenaTimestamp(
  finite: boolean,
  micros: bigint,
  text: string,
  zone: string,
): string {
  if (!finite) return text;
  // Floor, not truncate, so that times before 1970 keep their millisecond.
  const millis =
    micros >= 0n
      ? micros / MICROS_PER_MILLI
      : -((-micros + MICROS_PER_MILLI - 1n) / MICROS_PER_MILLI);
  const iso = new Date(Number(millis)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${zone}`;
}
