/**
 * Builders of platform settings for tests: a small valid settings object to
 * start from, validated settings with overrides for one environment, and
 * the problems a SettingsError reports.
 */
import { PlatformError, SettingsError } from "../../lib/errors";
import { Settings, validateSettings } from "../../lib/settings";

/** Account of the `dev` environment in every builder. */
export const DEV_ACCOUNT = "111111111111";

/** Account of the `prod` environment in every builder. */
export const PROD_ACCOUNT = "222222222222";

/** Settings as read from YAML, before validation: plain, mutable data. */
export interface RawSettings {
  project?: unknown;
  environments?: Record<string, Record<string, unknown> | null>;
  [key: string]: unknown;
}

/** A minimal valid settings object with `dev` and `prod`, before validation. */
export function rawSettings(): RawSettings {
  return {
    project: "analytics",
    environments: {
      dev: { accountId: DEV_ACCOUNT, region: "eu-west-1" },
      prod: { accountId: PROD_ACCOUNT, region: "eu-west-1" },
    },
  };
}

/**
 * Validated settings whose `dev` environment (or the one named) carries the
 * given keys on top of the minimal settings.
 */
export function settingsFor(
  overrides: Record<string, unknown> = {},
  environment = "dev",
): Settings {
  const raw = rawSettings();
  const environments = raw.environments ?? {};
  environments[environment] = {
    ...(environments[environment] ?? rawSettings().environments?.dev),
    ...overrides,
  };
  return validateSettings(raw);
}

/** Runs `action`, expects a SettingsError, and returns it. */
export function settingsErrorOf(action: () => unknown): SettingsError {
  try {
    action();
  } catch (err) {
    if (err instanceof SettingsError) return err;
    throw err;
  }
  throw new PlatformError("expected a SettingsError, but nothing was thrown");
}

/** The problems of validating `raw`, each as `path: message`. */
export function settingsProblems(raw: unknown): string[] {
  const error = settingsErrorOf(() => validateSettings(raw));
  return error.problems.map((p) => `${p.path}: ${p.message}`);
}
