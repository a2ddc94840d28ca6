/**
 * What commands need from the outside world, gathered in one object so
 * that tests can replace the streams and the settings.
 */

import { AthenaClient } from "@aws-sdk/client-athena";
import { GlueClient } from "@aws-sdk/client-glue";
import type { Writable } from "node:stream";
import { resourceNames } from "../lib/naming";
import { DEFAULT_SETTINGS_FILE } from "../lib/environments";
import { UsageError } from "../lib/errors";
import { loadSettings, type Settings } from "../lib/settings";
import { onInterrupt, type InterruptHandle } from "./signals";

/** The AWS resources of one environment that the commands act on. */
export interface EnvironmentTarget {
  readonly environment: string;
  /** AWS_REGION when set, otherwise the environment's region setting. */
  readonly region: string;
  readonly workgroup: string;
  readonly database: string;
  readonly crawler: string;
}

/** Streams, settings and clients of one CLI run. */
export interface CliContext {
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean };
  /** Reads the settings file and derives the names of an environment. */
  resolveEnvironment(
    environment: string,
    settingsFile: string,
  ): EnvironmentTarget;
  athena(region: string): AthenaClient;
  glue(region: string): GlueClient;
  /** Starts listening for Ctrl-C. */
  interrupt(): InterruptHandle;
  /**
   * Delays between polls of the crawler and of Athena queries.
   * @default the library defaults: 5 s for the crawler, 0.5 s doubling to 5 s for queries
   */
  readonly polling?: PollingDelays;
}

/** Delays between polls, in milliseconds. */
export interface PollingDelays {
  readonly crawlerMs: number;
  readonly queryInitialMs: number;
  readonly queryMaxMs: number;
}

/** The context of a real run: process streams, settings from disk, SDK clients. */
export function processContext(): CliContext {
  // Write errors (a closed pipe) reach the command through the writer; keep
  // them from also crashing the process as an unhandled 'error' event.
  process.stdout.on("error", () => undefined);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    resolveEnvironment: settingsTarget,
    // Credentials, retries and AWS_ENDPOINT_URL_* come from the SDK's standard resolution.
    athena: (region) => new AthenaClient({ region }),
    glue: (region) => new GlueClient({ region }),
    interrupt: () => onInterrupt(),
  };
}

/** Resolves an environment from the settings file, with AWS_REGION taking precedence. */
export function settingsTarget(
  environment: string,
  settingsFile: string = DEFAULT_SETTINGS_FILE,
): EnvironmentTarget {
  const names = resourceNames(
    loadEnvironmentSettings(environment, settingsFile),
    environment,
    settingsFile,
  );
  return {
    environment,
    region: process.env.AWS_REGION || names.region,
    workgroup: names.workgroup,
    database: names.database,
    crawler: names.crawler,
  };
}

/**
 * Reads the settings file and checks that `environment` is one of its
 * environments. Throws SettingsError for a bad file and UsageError for an
 * unknown `--env`.
 */
export function loadEnvironmentSettings(
  environment: string,
  settingsFile: string = DEFAULT_SETTINGS_FILE,
): Settings {
  const settings = loadSettings(settingsFile);
  if (!Object.hasOwn(settings.environments, environment)) {
    const known = Object.keys(settings.environments).join(", ");
    throw new UsageError(
      `--env ${JSON.stringify(environment)}: no such environment in ${settingsFile}; use one of ${known}`,
    );
  }
  return settings;
}
