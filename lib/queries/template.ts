/**
 * Templating of query statements with a closed set of variables, written
 * `{{ name }}`: the names of the environment's database, buckets and
 * workgroup, so one file serves every environment.
 */
import { Problem, ruleBroken } from "../errors";

/** Names of the variables a query statement may use. */
export const TEMPLATE_VARIABLES = [
  "database",
  "data_bucket",
  "results_bucket",
  "environment",
  "workgroup",
] as const;

/** A template variable name. */
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Values of the template variables for one environment. */
export interface QueryVariables {
  /** Glue database holding the dataset tables. */
  readonly database: string;
  /** Bucket holding the raw data. */
  readonly data_bucket: string;
  /** Bucket receiving Athena query results. */
  readonly results_bucket: string;
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /** Athena workgroup the named queries belong to. */
  readonly workgroup: string;
}

/** A statement after templating, and the unknown variables found in it. */
export interface RenderedTemplate {
  readonly text: string;
  readonly problems: readonly Problem[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Replaces every `{{ name }}` in `text` with its value. An unknown name is a
 * problem located at `file:line`, where `firstLine` is the file line on
 * which `text` starts.
 */
export function renderTemplate(
  text: string,
  variables: QueryVariables,
  file: string,
  firstLine: number,
): RenderedTemplate {
  const problems: Problem[] = [];
  const known = TEMPLATE_VARIABLES.map((v) => `{{ ${v} }}`).join(", ");
  const rendered = text.replace(
    PLACEHOLDER,
    (whole: string, name: string, offset: number) => {
      const variable = TEMPLATE_VARIABLES.find((v) => v === name);
      if (variable !== undefined) return variables[variable];
      const line = firstLine + countLineBreaks(text.slice(0, offset));
      problems.push(
        ruleBroken(
          `${file}:${line}`,
          `unknown template variable; use one of ${known}`,
          whole,
        ),
      );
      return whole;
    },
  );
  return { text: rendered, problems };
}

function countLineBreaks(text: string): number {
  return text.split("\n").length - 1;
}
