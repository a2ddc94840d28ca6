/**
 * Picking one environment out of the settings. Kept apart from the schema
 * in settings.ts so that name derivation can use it without importing the
 * validation that itself checks derived names.
 */
import { SettingsError, showValue } from "./errors";
import type { EnvironmentSettings, Settings } from "./settings";

/** Where the settings live, relative to the repository root. */
export const DEFAULT_SETTINGS_FILE = "config/environments.yaml";

/**
 * The settings of one environment; throws SettingsError naming the known
 * ones and `file`, the settings file they were read from.
 */
export function environmentSettings(
  settings: Settings,
  environment: string,
  file: string = DEFAULT_SETTINGS_FILE,
): EnvironmentSettings {
  // Own keys only: "toString" must not find Object.prototype's.
  const env = Object.hasOwn(settings.environments, environment)
    ? settings.environments[environment]
    : undefined;
  if (!env) {
    const known = Object.keys(settings.environments).join(", ");
    throw new SettingsError(file, [
      {
        path: "environments",
        message: `has no environment ${showValue(environment)}; use one of ${known}`,
      },
    ]);
  }
  return env;
}
