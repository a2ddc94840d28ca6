/**
 * Error classes for bad input. Every message is built here so that the
 * wording stays the same everywhere: what was read, the value received, the
 * rule, and how to fix it.
 *
 * The CLI and the synth entry point print `message` alone for these errors
 * (no stack trace) and exit non-zero; any other error is a bug.
 */

/** One problem found in an input, located by a path inside that input. */
export interface Problem {
  /** Where the problem is: a settings path (`environments.dev.region`) or `file:line`. */
  readonly path: string;
  /** What is wrong and, where it helps, how to fix it. */
  readonly message: string;
}

/** Base class of every error caused by input rather than by a bug. */
export class PlatformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Settings in `config/environments.yaml` that break a rule. */
export class SettingsError extends PlatformError {
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      describeProblems(file, problems, "Fix the settings above and run again."),
    );
  }
}

/** Named query files under `queries/` that break a rule. */
export class QueryFileError extends PlatformError {
  constructor(
    readonly directory: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      describeProblems(
        directory,
        problems,
        "Fix the query files above and run again.",
      ),
    );
  }
}

/** A command line that cannot be carried out as given. */
export class UsageError extends PlatformError {}

/** A problem with the environment a command runs in: credentials, access, missing resources. */
export class EnvironmentError extends PlatformError {}

/**
 * The system's reason for a failed file operation, without the call and
 * the paths Node adds: `permission denied (EACCES)`.
 */
export function systemReason(error: NodeJS.ErrnoException): string {
  const text = error.message
    .replace(/^[A-Z]+: /, "")
    .replace(/, \w+( '.*)?$/, "");
  return error.code ? `${text} (${error.code})` : text;
}

/** Formats a value for an error message: strings quoted, objects as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Builds the message `path: rule, got value` used by every validator. */
export function ruleBroken(
  path: string,
  rule: string,
  value: unknown,
): Problem {
  return { path, message: `${rule}, got ${showValue(value)}` };
}

/** Renders problems as one block: a header line, one line per problem, the fix. */
export function describeProblems(
  source: string,
  problems: readonly Problem[],
  fix: string,
): string {
  const count =
    problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = problems.map((p) => `  - ${p.path}: ${p.message}`);
  return [`${source} has ${count}:`, ...lines, fix].join("\n");
}
