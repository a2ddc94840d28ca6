/**
 * Option parsers and lookups shared by the commands.
 */

import { Command, InvalidArgumentError } from "commander";
import { DEFAULT_SETTINGS_FILE } from "../lib/environments";

/** Parses a `--timeout` value: a positive whole number of seconds. */
export function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value.trim()) || seconds <= 0) {
    throw new InvalidArgumentError(
      `must be a positive whole number of seconds, e.g. 600`,
    );
  }
  return seconds;
}

/** Collects a repeatable option's values in order. */
export function collect(
  value: string,
  previous: readonly string[] = [],
): string[] {
  return [...previous, value];
}

/** The `--settings` file given to the program, found from any subcommand. */
export function globalSettingsFile(command: Command): string {
  const options = command.optsWithGlobals<{ settings?: string }>();
  return options.settings ?? DEFAULT_SETTINGS_FILE;
}
