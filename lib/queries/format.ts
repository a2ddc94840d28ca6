/**
 * The house layout of query files: the header comment lines as written, one
 * blank line, then the statement as sql-formatter lays it out in its Trino
 * dialect with upper case keywords. Template variables and `?` markers are
 * kept as they are.
 */
import { FormatOptionsWithLanguage, format } from "sql-formatter";

/** sql-formatter options for query statements. */
export const SQL_FORMAT_OPTIONS: FormatOptionsWithLanguage = {
  language: "trino",
  keywordCase: "upper",
  paramTypes: {
    positional: true,
    custom: [{ regex: String.raw`\{\{\s*[^{}]*?\s*\}\}` }],
  },
};

/**
 * Lays out a query file: header lines with trailing spaces removed, one
 * blank line, the formatted statement and a final line break. Throws
 * sql-formatter's error when the statement cannot be tokenized.
 */
export function formatQueryFile(text: string): string {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n").split("\n");
  let end = 0;
  while (end < lines.length && /^\s*--/.test(lines[end])) end += 1;

  const header = lines.slice(0, end).map((line) => line.trimEnd());
  const statement = lines.slice(end).join("\n").trim();
  const body = statement === "" ? [] : [format(statement, SQL_FORMAT_OPTIONS)];
  if (header.length === 0) return body.map((b) => `${b}\n`).join("");
  return [...header, ...(body.length > 0 ? ["", ...body] : [])].join("\n") + "\n";
}
