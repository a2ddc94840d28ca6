/**
 * Lets DuckDB run the SQL that Athena (Trino) runs, unchanged. Most Trino
 * functions our queries use either exist in DuckDB with the same meaning or
 * are defined here as DuckDB macros; the one piece of syntax DuckDB reads
 * differently, UNNEST of an array of rows into one column per field, is
 * rewritten token by token. The README lists every mapping.
 */
import { PlatformError } from "../errors";

/** A Trino construct the local engine cannot run. */
export class UnsupportedConstructError extends PlatformError {
  constructor(
    readonly query: string,
    readonly construct: string,
    reason: string,
  ) {
    super(
      `Query ${query} uses ${construct}, which the local engine cannot run: ${reason}. Run it on Athena with --env, or rewrite it without ${construct}.`,
    );
  }
}

/** A Trino function provided as a DuckDB macro. */
export interface CompatMacro {
  /** Trino name and parameters, e.g. `cardinality(x)`. */
  readonly signature: string;
  /** DuckDB expression it expands to. */
  readonly body: string;
}

/**
 * Trino functions DuckDB lacks or defines differently. Each is a temporary
 * macro on the connection; a macro takes precedence over DuckDB's built-in
 * function of the same name.
 */
export const COMPAT_MACROS: readonly CompatMacro[] = [
  // Exact where Athena estimates (standard error 2.3%); results agree on small data.
  { signature: "approx_distinct(x)", body: "count(DISTINCT x)" },
  // DuckDB's count_if returns HUGEINT; Trino's returns bigint.
  { signature: "count_if(x)", body: "count(CASE WHEN x THEN 1 END)" },
  // DuckDB's cardinality() only takes maps.
  { signature: "cardinality(x)", body: "len(x)" },
  {
    signature: "from_iso8601_timestamp(s)",
    body: "CAST(s AS TIMESTAMP WITH TIME ZONE)",
  },
  { signature: "from_iso8601_date(s)", body: "CAST(s AS DATE)" },
  // DuckDB's date_diff counts unit boundaries crossed; Trino's, like
  // date_sub, counts whole units elapsed (0 days from 23:00 to 01:00).
  { signature: "date_diff(unit, a, b)", body: "date_sub(unit, a, b)" },
  { signature: "regexp_like(s, p)", body: "regexp_matches(s, p)" },
  { signature: "array_join(a, sep)", body: "array_to_string(a, sep)" },
];

/**
 * Trino functions whose names DuckDB also knows with another meaning, and
 * that the layer does not provide. A statement calling one is refused
 * rather than run with DuckDB's meaning.
 */
export const CONFLICTING_FUNCTIONS: Readonly<Record<string, string>> = {
  date_add:
    "DuckDB's date_add takes other arguments and returns a timestamp where Trino's returns a date for a date",
  date_format:
    "DuckDB's date_format takes strftime codes where Trino's takes MySQL codes",
};

/**
 * The statements that prepare a connection: Athena's session time zone
 * (UTC, for current_date and timestamp casts), integer division that
 * truncates as Trino's (`7 / 2` is 3), then the macros.
 */
export function compatStatements(): string[] {
  const macros = COMPAT_MACROS.map(
    (m) => `CREATE OR REPLACE TEMP MACRO ${m.signature} AS ${m.body}`,
  );
  return ["SET TimeZone = 'UTC'", "SET integer_division = true", ...macros];
}

/** A lexical token of a SQL statement. */
interface Token {
  readonly kind: "space" | "comment" | "string" | "quoted" | "word" | "other";
  readonly text: string;
}

/**
 * Rewrites a Trino statement where DuckDB reads the same text differently:
 * UNNEST. Trino expands an array of rows into one column per field (DuckDB
 * into one struct column), unnests several arrays side by side, and numbers
 * elements `WITH ORDINALITY` (DuckDB has no such clause); each becomes a
 * lateral subquery. Everything else, including `?` parameters, strings and
 * comments, is kept as written.
 *
 * @throws UnsupportedConstructError for `WITH ORDINALITY` or several arrays
 * where the column aliases do not give one column per array (arrays of
 * rows among them), and for a call of a function in CONFLICTING_FUNCTIONS.
 */
export function toDuckDbSql(sql: string, queryName: string): string {
  const tokens = tokenize(sql);
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const open = next(tokens, i);
    const call = open !== -1 && tokens[open].text === "(";
    const name = token.text.toLowerCase();
    if (
      token.kind === "word" &&
      call &&
      Object.hasOwn(CONFLICTING_FUNCTIONS, name)
    ) {
      throw new UnsupportedConstructError(
        queryName,
        `the function ${name}()`,
        `${CONFLICTING_FUNCTIONS[name]}, and the compatibility layer in lib/local/compat.ts does not provide Trino's`,
      );
    }
    if (isWord(token, "unnest") && call) {
      const rewritten = rewriteUnnest(tokens, i, open, queryName);
      out.push(rewritten.text);
      i = rewritten.end;
    } else {
      out.push(token.text);
      i += 1;
    }
  }
  return out.join("");
}

function rewriteUnnest(
  tokens: readonly Token[],
  start: number,
  open: number,
  queryName: string,
): { text: string; end: number } {
  const close = matchingParen(tokens, open);
  const arrays = splitArguments(tokens.slice(open + 1, close)).map((a) =>
    a.trim(),
  );
  let cursor = next(tokens, close);
  let aliasFrom = close + 1;
  let ordinality = false;
  const after = cursor === -1 ? -1 : next(tokens, cursor);
  if (
    cursor !== -1 &&
    isWord(tokens[cursor], "with") &&
    after !== -1 &&
    isWord(tokens[after], "ordinality")
  ) {
    ordinality = true;
    aliasFrom = after + 1;
    cursor = next(tokens, after);
  }

  // Optional `AS`, then the alias and its column list.
  if (cursor !== -1 && isWord(tokens[cursor], "as")) {
    cursor = next(tokens, cursor);
  }
  const alias = cursor !== -1 ? tokens[cursor] : undefined;
  const paren = alias ? next(tokens, cursor) : -1;
  const isAlias =
    alias !== undefined &&
    (alias.kind === "quoted" ||
      (alias.kind === "word" && !isKeyword(alias.text)));
  const hasColumns = isAlias && paren !== -1 && tokens[paren].text === "(";
  const columnsEnd = hasColumns ? matchingParen(tokens, paren) : -1;
  const columns = hasColumns
    ? splitArguments(tokens.slice(paren + 1, columnsEnd))
    : [];
  const end = hasColumns ? columnsEnd + 1 : aliasFrom;
  const tail = joinTokens(tokens, aliasFrom, end);

  if (arrays.length === 1 && !ordinality) {
    // One column: an array of scalars, which DuckDB unnests the same way.
    if (columns.length < 2)
      return { text: joinTokens(tokens, start, end), end };
    return {
      text: `LATERAL (SELECT unnest(${arrays[0]}, max_depth := 2))${tail}`,
      end,
    };
  }

  // Several arrays side by side and/or a position: DuckDB unnests lists in
  // the same SELECT side by side, padding shorter ones with NULL as Trino.
  const expected = arrays.length + (ordinality ? 1 : 0);
  if (columns.length !== expected) {
    throw new UnsupportedConstructError(
      queryName,
      ordinality ? "UNNEST ... WITH ORDINALITY" : "UNNEST of several arrays",
      `the local engine supports it for arrays of scalar values with one column alias per array${ordinality ? " plus one for the position" : ""} (${expected} here), got ${columns.length}`,
    );
  }
  const parts = arrays.map((a) => `unnest(${a})`);
  if (ordinality) {
    const longest =
      arrays.length === 1
        ? `len(${arrays[0]})`
        : `greatest(${arrays.map((a) => `len(${a})`).join(", ")})`;
    parts.push(`unnest(range(1, ${longest} + 1))`);
  }
  return { text: `LATERAL (SELECT ${parts.join(", ")})${tail}`, end };
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const take = (kind: Token["kind"], end: number) => {
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const char = sql[i];
    const rest = sql.slice(i);
    if (/\s/.test(char)) {
      take("space", i + (/^\s+/.exec(rest)?.[0].length ?? 1));
    } else if (rest.startsWith("--")) {
      const end = sql.indexOf("\n", i);
      take("comment", end === -1 ? sql.length : end);
    } else if (rest.startsWith("/*")) {
      const end = sql.indexOf("*/", i + 2);
      take("comment", end === -1 ? sql.length : end + 2);
    } else if (char === "'" || char === '"') {
      take(char === "'" ? "string" : "quoted", quotedEnd(sql, i, char));
    } else if (/[A-Za-z_]/.test(char)) {
      take("word", i + (/^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0].length ?? 1));
    } else {
      take("other", i + 1);
    }
  }
  return tokens;
}

/** End (exclusive) of a quoted string or identifier; doubled quotes escape. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** Index of the next token that is not space or comment, or -1. */
function next(tokens: readonly Token[], from: number): number {
  for (let i = from + 1; i < tokens.length; i += 1) {
    if (tokens[i].kind !== "space" && tokens[i].kind !== "comment") return i;
  }
  return -1;
}

function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    if (tokens[i].text === "(") depth += 1;
    if (tokens[i].text === ")") depth -= 1;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Splits tokens at top-level commas into argument texts. */
function splitArguments(tokens: readonly Token[]): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = "";
  for (const token of tokens) {
    if (token.text === "(" || token.text === "[") depth += 1;
    if (token.text === ")" || token.text === "]") depth -= 1;
    if (token.text === "," && depth === 0) {
      args.push(current);
      current = "";
    } else {
      current += token.text;
    }
  }
  if (current.trim() !== "") args.push(current);
  return args;
}

function joinTokens(
  tokens: readonly Token[],
  start: number,
  end: number,
): string {
  return tokens
    .slice(start, end)
    .map((t) => t.text)
    .join("");
}

function isWord(token: Token, word: string): boolean {
  return token.kind === "word" && token.text.toLowerCase() === word;
}

const KEYWORDS = new Set([
  "on",
  "where",
  "group",
  "order",
  "limit",
  "join",
  "cross",
  "left",
  "inner",
  "full",
  "right",
  "union",
  "having",
  "window",
  "with",
]);

function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase());
}
