/**
 * Lexical view of SQL text: where string literals, quoted identifiers and
 * comments are, so that `?` markers and `;` separators are only counted in
 * code. Works on Trino SQL as Athena engine 3 reads it: `'...'` strings with
 * `''` escapes, `"..."` identifiers with `""` escapes, `--` line
 * comments and block comments.
 */

/** A literal or comment that runs to the end of the text without closing. */
export interface UnclosedToken {
  /** What was left open. */
  readonly kind: "string literal" | "quoted identifier" | "block comment";
  /** Offset where it starts. */
  readonly offset: number;
}

/** SQL text with everything that is not code blanked out. */
export interface ScannedSql {
  /**
   * The input with the same length and line breaks, where the inside of
   * every string literal and quoted identifier is replaced by `x` and every
   * comment by spaces. Parsers and searches run on this text without
   * tripping over characters inside literals.
   */
  readonly code: string;
  /** Offsets of the `?` parameter markers, in order. */
  readonly markers: readonly number[];
  /** Offsets of the `;` statement separators, in order. */
  readonly separators: readonly number[];
  /** The first literal or comment left open, if any. */
  readonly unclosed?: UnclosedToken;
}

/** Scans SQL text for code, parameter markers and statement separators. */
export function scanSql(text: string): ScannedSql {
  const out: string[] = [];
  const markers: number[] = [];
  const separators: number[] = [];
  let unclosed: UnclosedToken | undefined;
  let i = 0;

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'" || c === '"') {
      const end = closingQuote(text, i);
      if (end < 0) {
        unclosed ??= {
          kind: c === "'" ? "string literal" : "quoted identifier",
          offset: i,
        };
        out.push(c, blank(text.slice(i + 1), "x"));
        break;
      }
      out.push(c, blank(text.slice(i + 1, end), "x"), c);
      i = end + 1;
    } else if (c === "-" && next === "-") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out.push(blank(text.slice(i, stop), " "));
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) {
        unclosed ??= { kind: "block comment", offset: i };
        out.push(blank(text.slice(i), " "));
        break;
      }
      out.push(blank(text.slice(i, end + 2), " "));
      i = end + 2;
    } else {
      if (c === "?") markers.push(i);
      if (c === ";") separators.push(i);
      out.push(c);
      i += 1;
    }
  }

  return { code: out.join(""), markers, separators, unclosed };
}

/** The 1-based line number of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") line += 1;
  }
  return line;
}

/** The 1-based column of an offset in a text. */
export function columnAt(text: string, offset: number): number {
  return offset - text.lastIndexOf("\n", offset - 1);
}

/** Offset of the quote closing the one at `start`, or -1 if none closes it. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      // A doubled quote is an escaped quote inside the literal.
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i;
    }
    i += 1;
  }
  return -1;
}

/** Replaces every character but line breaks with `fill`. */
function blank(text: string, fill: string): string {
  return text.replace(/[^\r\n]/g, fill);
}
