/**
 * The header of a query file: the `--` comment lines at its top. Lines of
 * free text are the summary that tells an analyst what the query answers;
 * `-- version: N` numbers the query's revisions; one
 * `-- param: <name> <type> <example>` line per `?` declares its execution
 * parameters, in order.
 */
import { Problem, ruleBroken } from "../errors";
import {
  PARAM_TYPES,
  ParamType,
  QueryParam,
  literalFits,
  parseLiteral,
} from "./params";

/** Snake case, as query names and parameter names must be. */
export const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

/** What a query file's header declares, and where its statement starts. */
export interface QueryHeader {
  /** The summary lines: lines joined by spaces, paragraphs by line breaks. */
  readonly summary: string;
  /** The `-- version:` number; undefined when missing or not valid. */
  readonly version: number | undefined;
  /** Line of the `-- version:` line, or 1 when there is none. */
  readonly versionLine: number;
  readonly params: readonly QueryParam[];
  /** Lines of all `-- param:` lines, including those with problems. */
  readonly paramLines: readonly number[];
  /** 1-based line on which the text after the header starts. */
  readonly statementLine: number;
  /** The text after the header, from the start of `statementLine`. */
  readonly statement: string;
}

/** A header and the problems found in it. */
export interface ParsedHeader {
  readonly header: QueryHeader;
  readonly problems: readonly Problem[];
}

const EXAMPLE_HINTS: Record<ParamType, string> = {
  varchar: "'2026-11-02'",
  bigint: "10",
  double: "4.5",
  date: "DATE '2026-11-02'",
  boolean: "true",
};

/**
 * Reads the header of a query file. `file` is the relative path used in
 * problem locations (`queries/users/users_by_country.sql`).
 */
export function parseHeader(text: string, file: string): ParsedHeader {
  const lines = text.split("\n");
  const problems: Problem[] = [];
  const paragraphs: string[][] = [[]];
  const params: QueryParam[] = [];
  const paramLines: number[] = [];
  let version: number | undefined;
  let versionLine: number | undefined;

  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, "");
    const comment = /^\s*--(.*)$/.exec(line);
    if (!comment) break;
    const at = `${file}:${index + 1}`;
    const content = comment[1].trim();
    const directive = /^(version|param)\s*:(.*)$/i.exec(content);

    if (!directive) {
      if (content === "") paragraphs.push([]);
      else paragraphs[paragraphs.length - 1].push(content);
    } else if (directive[1].toLowerCase() === "version") {
      if (versionLine !== undefined) {
        problems.push({
          path: at,
          message: `has a second \`-- version:\` line (the first is on line ${versionLine}): keep only one`,
        });
        continue;
      }
      versionLine = index + 1;
      version = readVersion(directive[2].trim(), at, problems);
    } else {
      paramLines.push(index + 1);
      const param = readParam(directive[2].trim(), at, params, problems);
      if (param) params.push(param);
    }
  }

  const summary = paragraphs
    .map((p) => p.join(" "))
    .filter((p) => p !== "")
    .join("\n");
  if (summary === "") {
    problems.unshift({
      path: `${file}:1`,
      message:
        "has no summary: open the file with `--` comment lines that tell an analyst what the query answers",
    });
  }
  if (versionLine === undefined) {
    problems.push({
      path: `${file}:1`,
      message:
        "has no `-- version: N` line: add `-- version: 1` to the comment lines at the top",
    });
  }

  const statement = lines.slice(index).join("\n");
  return {
    header: {
      summary,
      version,
      versionLine: versionLine ?? 1,
      params,
      paramLines,
      statementLine: index + 1,
      statement,
    },
    problems,
  };
}

function readVersion(
  value: string,
  at: string,
  problems: Problem[],
): number | undefined {
  if (/^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value))) {
    return Number(value);
  }
  problems.push(
    ruleBroken(at, "`-- version:` must be a positive integer such as 1", value),
  );
  return undefined;
}

function readParam(
  value: string,
  at: string,
  earlier: readonly QueryParam[],
  problems: Problem[],
): QueryParam | undefined {
  const parts = /^(\S+)\s+(\S+)\s+(.+)$/.exec(value);
  if (!parts) {
    problems.push(
      ruleBroken(
        at,
        "a parameter line must read `-- param: <name> <type> <example>`, e.g. `-- param: dt varchar '2026-11-02'`",
        value,
      ),
    );
    return undefined;
  }
  const [, name, typeName, example] = parts;
  const before = problems.length;

  if (!SNAKE_CASE.test(name)) {
    problems.push(
      ruleBroken(
        at,
        "a parameter name must be lowercase snake case (^[a-z][a-z0-9_]*$)",
        name,
      ),
    );
  } else if (earlier.some((p) => p.name === name)) {
    problems.push(
      ruleBroken(
        at,
        "parameter names must be unique within a query; name each `?` for what it holds, e.g. first_dt and last_dt",
        name,
      ),
    );
  }

  const type = PARAM_TYPES.find((t) => t === typeName.toLowerCase());
  if (type === undefined) {
    problems.push(
      ruleBroken(
        at,
        `a parameter type must be one of ${PARAM_TYPES.join(", ")}`,
        typeName,
      ),
    );
  } else {
    const literal = parseLiteral(example);
    if (literal === undefined || !literalFits(type, literal.type)) {
      problems.push(
        ruleBroken(
          at,
          `the example of a ${type} parameter must be a ${type} literal as Athena takes it, e.g. ${EXAMPLE_HINTS[type]}`,
          example,
        ),
      );
    }
  }

  if (problems.length > before || type === undefined) return undefined;
  return { name, type, example: example.trim() };
}
