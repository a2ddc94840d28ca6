/**
 * The boundary every command-line entry point shares (synth, the npm
 * scripts): bad input becomes its message on stderr and exit code 1; any
 * other error is a bug and keeps its stack trace.
 */
import { spawnSync } from "node:child_process";
import { PlatformError } from "../lib/errors";

/** Runs an entry point and sets the exit code it returns. */
export function runEntryPoint(main: () => number | void): void {
  try {
    process.exitCode = main() ?? 0;
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}

/** Runs a command with inherited output; exits with its code if it fails. */
export function runOrExit(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
