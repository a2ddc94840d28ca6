/**
 * Offline syntax check of query statements in the Trino dialect that Athena
 * engine 3 speaks, with the Trino grammar of node-sql-parser.
 *
 * That grammar covers what the shipped queries use (CTEs, window functions,
 * `CROSS JOIN UNNEST(...) AS t(...)`, lambdas, `?` markers, `INTERVAL '7'
 * DAY`, function calls of any name) but not all of Trino. Two measures keep
 * it from rejecting valid Athena SQL:
 *
 * 1. Before parsing, constructs the grammar does not know are masked with
 *    text of the same length that it does know, so that error positions
 *    still point at the right line: `WITH ORDINALITY`, `AT TIME ZONE '...'`,
 *    `INTERSECT` and `EXCEPT` (read as `UNION`), `UNION DISTINCT`,
 *    `FETCH FIRST n ROWS ONLY` (read as `LIMIT n`), `GROUPING SETS` (read as
 *    `ROLLUP`), `CAST(x AS array(...))` and other structured types (read as
 *    `varchar`), and aliases `AS row`, `AS rows`, `AS window`.
 * 2. Only errors the grammar reports at a position count as syntax errors;
 *    anything else it refuses (for example some correlated `EXISTS`
 *    subqueries) is let through for Athena to judge.
 *
 * Remaining limits, which a query can work around by quoting or renaming:
 * columns named `row`, `rows` or `window` outside an `AS` alias must be
 * written in double quotes.
 */
import { Parser } from "node-sql-parser/build/trino";

/** Where a statement stops parsing. */
export interface SyntaxFailure {
  /** Offset in the statement of the first character that does not fit. */
  readonly offset: number;
}

interface Mask {
  readonly pattern: RegExp;
  readonly replace: (match: RegExpExecArray) => string;
}

const MASKS: readonly Mask[] = [
  { pattern: /\bWITH\s+ORDINALITY\b/gi, replace: () => "" },
  { pattern: /\bAT\s+TIME\s+ZONE\s+'[^']*'/gi, replace: () => "" },
  {
    pattern: /\b(INTERSECT|EXCEPT|UNION)(\s+DISTINCT)\b/gi,
    replace: () => "UNION",
  },
  { pattern: /\b(INTERSECT|EXCEPT)\b/gi, replace: () => "UNION" },
  {
    pattern: /\bFETCH\s+(?:FIRST|NEXT)\s+(?:(\d+)\s+)?ROWS?\s+ONLY\b/gi,
    replace: (m) => `LIMIT ${m[1] ?? "1"}`,
  },
  { pattern: /\bGROUPING\s+SETS\b/gi, replace: () => "ROLLUP" },
  {
    pattern: /\b(AS\s+)(rows|row|window)\b(?!\s*\()/gi,
    replace: (m) => m[1] + m[2][0] + "_".repeat(m[2].length - 1),
  },
];

let parser: Parser | undefined;

/**
 * Masks constructs the parser does not know, keeping the text's length and
 * line breaks. Takes code as `scanSql` returns it: literals blanked out.
 */
export function maskUnsupported(code: string): string {
  let text = code;
  for (const mask of MASKS) {
    text = text.replace(mask.pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      return padTo(mask.replace(match), match[0]);
    });
  }
  return maskStructuredCasts(text);
}

/**
 * Parses one statement (code as `scanSql` returns it) and returns where it
 * stops fitting the grammar, or undefined when it parses or fails for a
 * reason the grammar cannot place.
 */
export function checkSyntax(code: string): SyntaxFailure | undefined {
  parser ??= new Parser();
  try {
    parser.astify(maskUnsupported(code), { database: "trino" });
    return undefined;
  } catch (error) {
    const offset = syntaxErrorOffset(error);
    return offset === undefined ? undefined : { offset };
  }
}

/** Replaces structured types after `AS` in casts with `varchar`. */
function maskStructuredCasts(code: string): string {
  const pattern = /\bAS\s+(array|map|row)\s*\(/gi;
  let text = code;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const typeStart = match.index + match[0].search(/array|map|row/i);
    const close = matchingParen(text, match.index + match[0].length - 1);
    if (close < 0) break;
    const type = text.slice(typeStart, close + 1);
    if (type.replace(/\s/g, "").length < "varchar".length) continue;
    text =
      text.slice(0, typeStart) + padTo("varchar", type) + text.slice(close + 1);
  }
  return text;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth += 1;
    if (text[i] === ")") depth -= 1;
    if (depth === 0) return i;
  }
  return -1;
}

/** `replacement` padded with spaces, keeping the line breaks of `original`. */
function padTo(replacement: string, original: string): string {
  const breaks = original.replace(/[^\n]/g, "");
  const width = original.length - breaks.length;
  return replacement.padEnd(width, " ") + breaks;
}

function syntaxErrorOffset(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const location = (error as { location?: { start?: { offset?: unknown } } })
    .location;
  const offset = location?.start?.offset;
  return typeof offset === "number" ? offset : undefined;
}
