/**
 * How the CLI ends on an error: input and environment errors as their
 * message alone, bugs with their stack.
 */

import { PlatformError, UsageError } from "../lib/errors";
import { INTERRUPTED_EXIT_CODE, Interrupted } from "./signals";

/** Exit code for bad input and failures of the environment. */
export const FAILURE_EXIT_CODE = 1;

/** Exit code for a command line that cannot be carried out, as commander uses for usage errors. */
export const USAGE_EXIT_CODE = 2;

/** Writes what a person needs to know about `error` and returns the exit code. */
export function reportError(
  error: unknown,
  stderr: { write(text: string): unknown },
): number {
  if (error instanceof Interrupted) {
    stderr.write("Interrupted.\n");
    return INTERRUPTED_EXIT_CODE;
  }
  if (error instanceof PlatformError) {
    stderr.write(`error: ${error.message}\n`);
    return error instanceof UsageError ? USAGE_EXIT_CODE : FAILURE_EXIT_CODE;
  }
  const detail =
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`lake failed unexpectedly; this is a bug:\n${detail}\n`);
  return FAILURE_EXIT_CODE;
}
