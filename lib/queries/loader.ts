/**
 * Loads the named queries from `queries/<topic>/<name>.sql`: reads each
 * file's header, templates its statement for one environment and checks
 * every rule Athena and this project set for named queries, reporting all
 * problems of all files at once.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Problem, QueryFileError, ruleBroken } from "../errors";
import { QueryHeader, SNAKE_CASE, parseHeader } from "./header";
import {
  PARAM_TYPES,
  ParamType,
  QueryParam,
  describeParam,
} from "./params";
import { columnAt, lineAt, scanSql } from "./sql-text";
import { checkSyntax } from "./syntax";
import { QueryVariables, renderTemplate } from "./template";

export type { QueryParam } from "./params";
export type { QueryVariables } from "./template";

/** Folder holding the query files, relative to the project root. */
export const QUERIES_DIRECTORY = "queries";

/** Athena's longest named query name. */
export const MAX_NAME_LENGTH = 128;
/** Athena's longest named query description. */
export const MAX_DESCRIPTION_LENGTH = 1024;
/** Athena's longest query string, in bytes. */
export const MAX_QUERY_BYTES = 262_144;

const VERSION_LINE = /^Version (\d+)\. (No parameters\.|Parameters: (.*)\.)$/;
const DESCRIBED_PARAM = /^([a-z][a-z0-9_]*) ([a-z]+), e\.g\. (.+)$/;

/** A named query ready for Athena or a local engine. */
export interface NamedQuery {
  /** File name without `.sql`; the name in the Athena console. */
  readonly name: string;
  /** Folder the file sits in, e.g. `users`. */
  readonly topic: string;
  /** Relative path of the file, e.g. `queries/users/users_by_country.sql`. */
  readonly file: string;
  readonly version: number;
  /** What the query answers, from the header's comment lines. */
  readonly summary: string;
  /** Console description: summary, version and parameters. */
  readonly description: string;
  /** Execution parameters, in the order of their `?` markers. */
  readonly params: readonly QueryParam[];
  /** The templated statement, trimmed, without a trailing semicolon. */
  readonly sql: string;
}

/** A query file as written: raw text and parsed header, not templated. */
export interface QuerySource {
  readonly name: string;
  readonly topic: string;
  /** Relative path of the file, e.g. `queries/users/users_by_country.sql`. */
  readonly file: string;
  readonly text: string;
  readonly header: QueryHeader;
}

/** Options of `loadQueries`. */
export interface LoadQueriesOptions {
  /**
   * Folder holding one subfolder per topic with the `.sql` files.
   * @default "queries"
   */
  readonly directory?: string;
  /** Values of the template variables for the target environment. */
  readonly variables: QueryVariables;
}

interface SourceFile extends QuerySource {
  /** Problems found while reading: encoding, header, name. */
  readonly problems: readonly Problem[];
  /** Whether the file is unusable beyond those problems. */
  readonly unreadable: boolean;
}

/**
 * Loads and validates every query under `directory`, sorted by name.
 * Throws QueryFileError listing every problem of every file.
 */
export function loadQueries(options: LoadQueriesOptions): NamedQuery[] {
  const directory = options.directory ?? QUERIES_DIRECTORY;
  const { files, problems } = readDirectory(directory);
  const owners = new Map<string, string[]>();
  for (const file of files) {
    owners.set(file.name, [...(owners.get(file.name) ?? []), file.file]);
  }

  const queries: NamedQuery[] = [];
  for (const file of files) {
    problems.push(...file.problems);
    const others = (owners.get(file.name) ?? []).filter((f) => f !== file.file);
    if (others.length > 0) {
      problems.push({
        path: `${file.file}:1`,
        message: `query name ${JSON.stringify(file.name)} is also used by ${others.join(", ")}: names must be unique across all folders, rename one of the files`,
      });
    }
    if (file.unreadable) continue;
    const query = buildQuery(file, options.variables, problems);
    if (query) queries.push(query);
  }

  if (problems.length > 0) {
    throw new QueryFileError(directory, sortProblems(problems));
  }
  return queries.sort((a, b) => compare(a.name, b.name));
}

/**
 * Reads every query file in a topic folder under `directory` with its parsed
 * header, without templating or validation, sorted by file path. Files
 * outside topic folders are left to `loadQueries` to report. Throws
 * QueryFileError only when the directory cannot be read.
 */
export function readQuerySources(
  directory: string = QUERIES_DIRECTORY,
): QuerySource[] {
  return readDirectory(directory).files.map(
    ({ name, topic, file, text, header }) => ({
      name,
      topic,
      file,
      text,
      header,
    }),
  );
}

/** What a console description tells about its query. */
export interface DescribedQuery {
  /** The summary lines joined by spaces, without the version line. */
  readonly summary: string;
  /** The version, when the last line is `describeQuery`'s version line. */
  readonly version?: number;
  /** The parameters, when the version line lists them in a readable form. */
  readonly params?: readonly QueryParam[];
}

/** Builds the console description: summary, version and parameters. */
export function describeQuery(
  summary: string,
  version: number,
  params: readonly QueryParam[],
): string {
  const list =
    params.length === 0
      ? "No parameters."
      : `Parameters: ${params.map(describeParam).join("; ")}.`;
  return `${summary}\nVersion ${version}. ${list}`;
}

/**
 * Reads back a description that `describeQuery` built. Only its last line
 * counts: a summary that mentions "version 2" in its prose gives no version.
 * A description of another form (written by hand in the console) is all
 * summary, without version or parameters.
 */
export function parseDescription(
  description: string | undefined,
): DescribedQuery {
  const lines = (description ?? "").split("\n");
  const match = VERSION_LINE.exec(lines[lines.length - 1] ?? "");
  if (!match) return { summary: lines.join(" ").trim() };
  const summary = lines.slice(0, -1).join(" ").trim();
  const version = Number(match[1]);
  if (match[3] === undefined) return { summary, version, params: [] };
  const params: QueryParam[] = [];
  for (const part of match[3].split("; ")) {
    const param = DESCRIBED_PARAM.exec(part);
    if (!param || !(PARAM_TYPES as readonly string[]).includes(param[2])) {
      return { summary, version };
    }
    params.push({
      name: param[1],
      type: param[2] as ParamType,
      example: param[3],
    });
  }
  return { summary, version, params };
}

function buildQuery(
  file: SourceFile,
  variables: QueryVariables,
  problems: Problem[],
): NamedQuery | undefined {
  const { header } = file;
  const before = problems.length;
  const rendered = renderTemplate(
    header.statement,
    variables,
    file.file,
    header.statementLine,
  );
  problems.push(...rendered.problems);

  const text = rendered.text;
  const scan = scanSql(text);
  const at = (offset: number) =>
    `${file.file}:${header.statementLine + lineAt(text, offset) - 1}`;

  if (scan.unclosed) {
    problems.push({
      path: at(scan.unclosed.offset),
      message: `has a ${scan.unclosed.kind} that is never closed (it opens at column ${columnAt(text, scan.unclosed.offset)}): close it`,
    });
    return undefined;
  }
  if (scan.code.trim() === "") {
    problems.push({
      path: `${file.file}:${header.statementLine}`,
      message:
        "has no SQL statement, only comments: write one statement below the `--` comment lines at the top",
    });
    return undefined;
  }

  const end = scan.separators[0] ?? text.length;
  const rest = scan.code.slice(end + 1);
  const second = rest.search(/\S/);
  if (scan.separators.length > 0 && second >= 0) {
    problems.push({
      path: at(end + 1 + second),
      message:
        "holds a second statement after `;`: keep one statement per file and move the other to a file of its own",
    });
  } else if (rendered.problems.length === 0) {
    const failure = checkSyntax(scan.code.slice(0, end));
    if (failure) {
      problems.push({
        path: at(failure.offset),
        message: syntaxMessage(text, failure.offset, end),
      });
    }
  }

  checkMarkers(file, scan.markers, at, problems);

  const sql = text.slice(0, end).trim();
  const bytes = Buffer.byteLength(sql, "utf8");
  if (bytes > MAX_QUERY_BYTES) {
    problems.push({
      path: `${file.file}:${header.statementLine}`,
      message: `the query is ${bytes} bytes, more than the ${MAX_QUERY_BYTES} Athena accepts: shorten it`,
    });
  }

  if (header.version === undefined || problems.length > before) {
    return undefined;
  }
  const description = describeQuery(
    header.summary,
    header.version,
    header.params,
  );
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    problems.push({
      path: `${file.file}:1`,
      message: `the console description (summary, version and parameters) is ${description.length} characters, more than the ${MAX_DESCRIPTION_LENGTH} Athena accepts: shorten the summary`,
    });
    return undefined;
  }
  return {
    name: file.name,
    topic: file.topic,
    file: file.file,
    version: header.version,
    summary: header.summary,
    description,
    params: header.params,
    sql,
  };
}

function checkMarkers(
  file: SourceFile,
  markers: readonly number[],
  at: (offset: number) => string,
  problems: Problem[],
): void {
  const count = markers.length;
  const declared = file.header.paramLines.length;
  if (count === declared) return;
  const path =
    count > declared
      ? at(markers[declared])
      : `${file.file}:${file.header.paramLines[count] ?? file.header.statementLine}`;
  const lines = declared === 1 ? "1 `-- param:` line" : `${declared} \`-- param:\` lines`;
  const marks = count === 1 ? "1 `?` marker" : `${count} \`?\` markers`;
  problems.push({
    path,
    message: `has ${lines} but ${marks} in the statement: declare one \`-- param: <name> <type> <example>\` line per \`?\`, in the order the markers appear`,
  });
}

function syntaxMessage(text: string, offset: number, end: number): string {
  const rest = text.slice(offset, end).trim();
  if (rest === "") {
    return "does not parse as Trino SQL (Athena engine 3): the statement ends too early; look for an unclosed parenthesis or an unfinished clause";
  }
  const near = rest.split("\n")[0].slice(0, 30);
  return `does not parse as Trino SQL (Athena engine 3) at column ${columnAt(text, offset)}, near ${JSON.stringify(near)}: fix the syntax there`;
}

function readDirectory(directory: string): {
  files: SourceFile[];
  problems: Problem[];
} {
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new QueryFileError(directory, [
      {
        path: relative(directory),
        message:
          "is not a directory: create it, or pass the folder that holds the query files",
      },
    ]);
  }

  const problems: Problem[] = [];
  const files: SourceFile[] = [];
  for (const absolute of listSqlFiles(path.resolve(directory))) {
    const file = relative(absolute);
    const parts = path.relative(path.resolve(directory), absolute).split(path.sep);
    if (parts.length !== 2) {
      problems.push({
        path: `${file}:1`,
        message: `is not directly inside a topic folder: move it to ${relative(directory)}/<topic>/${path.basename(absolute)}`,
      });
      continue;
    }
    files.push(readSource(absolute, file, parts[0]));
  }
  return { files, problems };
}

function readSource(absolute: string, file: string, topic: string): SourceFile {
  const bytes = fs.readFileSync(absolute);
  const name = path.basename(absolute, ".sql");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const { header, problems: headerProblems } = parseHeader(text, file);
  const problems: Problem[] = [];

  if (!SNAKE_CASE.test(name) || name.length > MAX_NAME_LENGTH) {
    problems.push(
      ruleBroken(
        `${file}:1`,
        `the file name is the query name and must be lowercase snake case (^[a-z][a-z0-9_]*$) of 1 to ${MAX_NAME_LENGTH} characters: rename the file`,
        name,
      ),
    );
  }

  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    const line = bytes.subarray(0, invalid).filter((b) => b === 0x0a).length + 1;
    problems.push({
      path: `${file}:${line}`,
      message: `is not valid UTF-8 (byte ${invalid} cannot be decoded): save the file as UTF-8`,
    });
    return { name, topic, file, text, header, problems, unreadable: true };
  }
  if (text.trim() === "") {
    problems.push({
      path: `${file}:1`,
      message:
        "is empty: write `--` comment lines saying what the query answers, a `-- version: 1` line and one SQL statement",
    });
    return { name, topic, file, text, header, problems, unreadable: true };
  }
  problems.push(...headerProblems);
  return { name, topic, file, text, header, problems, unreadable: false };
}

function listSqlFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...listSqlFiles(full));
    else if (entry.name.endsWith(".sql")) found.push(full);
  }
  return found.sort(compare);
}

/** Offset of the first byte that breaks UTF-8, or -1 when all is valid. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1];
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if (b === 0xe0 && second < 0xa0) return i;
    if (b === 0xed && second > 0x9f) return i;
    if (b === 0xf0 && second < 0x90) return i;
    if (b === 0xf4 && second > 0x8f) return i;
    i += length;
  }
  return -1;
}

function relative(target: string): string {
  return path.relative(process.cwd(), path.resolve(target)).split(path.sep).join("/");
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  const key = (p: Problem) => {
    const match = /^(.*):(\d+)$/.exec(p.path);
    return match ? { file: match[1], line: Number(match[2]) } : { file: p.path, line: 0 };
  };
  return [...problems].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return compare(ka.file, kb.file) || ka.line - kb.line;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
