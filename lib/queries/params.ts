/**
 * Query parameters: the types a `-- param:` line may declare, SQL literals
 * as Athena's execution parameters take them, and the conversion of a value
 * typed on the command line into both an Athena literal and a value to bind
 * in a local engine.
 *
 * Athena substitutes each execution parameter into the statement as SQL
 * text, so a parameter must be a literal of the type the statement compares
 * it with: a varchar needs quotes (`'2026-11-02'`), and a date needs the
 * `DATE` keyword (`DATE '2026-11-02'`), because Trino does not coerce a
 * varchar to a date and fails with "cannot be applied to date, varchar".
 * The partition key `dt` is a varchar, so date-bounded queries declare their
 * `dt` parameters as varchar, never as date.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html
 */
import { Problem, UsageError, describeProblems, ruleBroken } from "../errors";

/** Trino types a `-- param:` line may declare. */
export const PARAM_TYPES = [
  "varchar",
  "bigint",
  "double",
  "date",
  "boolean",
] as const;

/** A Trino type a parameter may have. */
export type ParamType = (typeof PARAM_TYPES)[number];

/** One `?` execution parameter of a named query, from its `-- param:` line. */
export interface QueryParam {
  /** Snake case name shown to analysts and in `--param` errors. */
  readonly name: string;
  readonly type: ParamType;
  /** An example value as an SQL literal, e.g. `'2026-11-02'` or `10`. */
  readonly example: string;
}

/** A value to bind to a `?` in a local engine. */
export type BindValue = string | number | boolean;

/** An SQL literal read into its type and value. */
export interface ParsedLiteral {
  readonly type: ParamType;
  /**
   * The value: the text of a varchar, `YYYY-MM-DD` for a date, a number for
   * a double or a bigint within 2^53 (a string beyond that), a boolean.
   */
  readonly value: BindValue;
}

/** Parameter values converted for both engines, in parameter order. */
export interface BoundParameters {
  /** Literals for Athena's `ExecutionParameters`. */
  readonly executionParameters: readonly string[];
  /** Values to bind in a local engine. */
  readonly values: readonly BindValue[];
}

const MIN_BIGINT = -(2n ** 63n);
const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * Reads a single SQL literal: `'text'` (quotes doubled inside), `DATE
 * 'YYYY-MM-DD'`, an integer, a decimal or exponent number, `true` or
 * `false`. Returns undefined for anything else.
 */
export function parseLiteral(literal: string): ParsedLiteral | undefined {
  const text = literal.trim();

  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (quoted) return { type: "varchar", value: quoted[1].replace(/''/g, "'") };

  const date = /^date\s*'([^']*)'$/i.exec(text);
  if (date) {
    return isCalendarDate(date[1])
      ? { type: "date", value: date[1] }
      : undefined;
  }

  if (/^[+-]?\d+$/.test(text)) {
    const big = BigInt(text);
    if (big < MIN_BIGINT || big > MAX_BIGINT) return undefined;
    const value = Number(text);
    return {
      type: "bigint",
      value: Number.isSafeInteger(value) ? value : big.toString(),
    };
  }

  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?$/i.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { type: "double", value } : undefined;
  }

  if (/^(true|false)$/i.test(text)) {
    return { type: "boolean", value: text.toLowerCase() === "true" };
  }
  return undefined;
}

/** Whether a literal of type `actual` may stand where `declared` is expected. */
export function literalFits(declared: ParamType, actual: ParamType): boolean {
  return declared === actual || (declared === "double" && actual === "bigint");
}

/**
 * Converts command line values, one per parameter in order, into Athena
 * execution parameters and local bind values.
 *
 * - varchar: `O'Brien` becomes `'O''Brien'` (trimmed, quotes inside
 *   doubled); a value that already is a quoted literal is kept. A varchar
 *   named `dt` or ending in `_dt` must be a calendar date `YYYY-MM-DD`,
 *   quoted or not, since it is compared with the `dt` partition key.
 * - bigint, double: must be a number; bigint a whole one within 64 bits.
 * - date: `2026-11-02`, `'2026-11-02'` or `DATE '2026-11-02'` becomes
 *   `DATE '2026-11-02'`; the bind value is the `YYYY-MM-DD` string.
 * - boolean: `true` or `false`.
 *
 * Throws UsageError naming the query when the number of values is wrong
 * (listing the parameters it expects) or when values do not fit their type.
 */
export function bindParameters(
  query: { readonly name: string; readonly params: readonly QueryParam[] },
  values: readonly string[],
): BoundParameters {
  if (values.length !== query.params.length) {
    throw new UsageError(wrongCount(query.name, query.params, values.length));
  }

  const problems: Problem[] = [];
  const executionParameters: string[] = [];
  const bound: BindValue[] = [];
  query.params.forEach((param, index) => {
    const converted = convertValue(param, values[index]);
    if ("problem" in converted) {
      problems.push(converted.problem);
      return;
    }
    executionParameters.push(converted.literal);
    bound.push(converted.value);
  });

  if (problems.length > 0) {
    throw new UsageError(
      describeProblems(
        `Query ${query.name}`,
        problems,
        "Fix the --param values above and run again.",
      ),
    );
  }
  return { executionParameters, values: bound };
}

/** Describes a parameter for messages: `dt varchar, e.g. '2026-11-02'`. */
export function describeParam(param: QueryParam): string {
  return `${param.name} ${param.type}, e.g. ${param.example}`;
}

type Converted =
  | { readonly literal: string; readonly value: BindValue }
  | { readonly problem: Problem };

function convertValue(param: QueryParam, raw: string): Converted {
  const path = `--param ${param.name}`;
  const text = raw.trim();
  const literal = parseLiteral(text);

  switch (param.type) {
    case "varchar": {
      const converted: Converted =
        literal?.type === "varchar"
          ? { literal: text, value: literal.value }
          : { literal: `'${text.replace(/'/g, "''")}'`, value: text };
      if (isPartitionDayName(param.name) && !isCalendarDate(String(converted.value))) {
        return {
          problem: ruleBroken(
            path,
            "must be a calendar date YYYY-MM-DD, as in the dt=YYYY-MM-DD partition folders, e.g. 2026-11-02",
            raw,
          ),
        };
      }
      return converted;
    }
    case "bigint": {
      if (literal?.type === "bigint") return { literal: text, value: literal.value };
      return {
        problem: ruleBroken(
          path,
          "must be a whole number within 64 bits (bigint), e.g. 10",
          raw,
        ),
      };
    }
    case "double": {
      if (literal?.type === "double" || literal?.type === "bigint") {
        return { literal: text, value: Number(text) };
      }
      return {
        problem: ruleBroken(path, "must be a number (double), e.g. 4.5", raw),
      };
    }
    case "date": {
      const quotedDay = literal?.type === "date" || literal?.type === "varchar";
      const day = quotedDay ? String(literal.value) : text;
      if (isCalendarDate(day)) {
        return { literal: `DATE '${day}'`, value: day };
      }
      return {
        problem: ruleBroken(
          path,
          "must be a calendar date YYYY-MM-DD, e.g. 2026-11-02",
          raw,
        ),
      };
    }
    case "boolean": {
      if (literal?.type === "boolean") {
        return { literal: String(literal.value), value: literal.value };
      }
      return { problem: ruleBroken(path, "must be true or false", raw) };
    }
  }
}

/**
 * Whether a varchar parameter holds a partition day: it is named `dt` or
 * ends in `_dt`, and is compared with the `dt` partition key, so any other
 * spelling (2026/11/15) would silently match no partition.
 */
function isPartitionDayName(name: string): boolean {
  return name === "dt" || name.endsWith("_dt");
}

/** Whether text is a real `YYYY-MM-DD` date (no 2026-02-30). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function wrongCount(
  name: string,
  params: readonly QueryParam[],
  got: number,
): string {
  const values = got === 1 ? "1 --param value" : `${got} --param values`;
  if (params.length === 0) {
    return `Query ${name} takes no parameters, got ${values}: remove the --param options.`;
  }
  const takes =
    params.length === 1 ? "1 parameter" : `${params.length} parameters`;
  const list = params.map((p) => `  - ${describeParam(p)}`);
  return [
    `Query ${name} takes ${takes}, got ${values}. Pass one --param per parameter, in this order:`,
    ...list,
  ].join("\n");
}
