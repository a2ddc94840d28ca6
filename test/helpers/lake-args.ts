/**
 * Command lines of `lake` for tests, so a test spells out only what differs.
 */

/** `lake query run <name> --env dev`, then the further arguments. */
export function queryRunArgs(name: string, ...more: string[]): string[] {
  return ["query", "run", name, "--env", "dev", ...more];
}

/** `lake query run users_by_country --env dev --param 2026-11-02`. */
export const USERS_BY_COUNTRY_ARGS: readonly string[] = queryRunArgs(
  "users_by_country",
  "--param",
  "2026-11-02",
);

/** `lake query run data_freshness` on the fixture lake from 2026-11-01. */
export const LOCAL_FRESHNESS_ARGS: readonly string[] = [
  "query",
  "run",
  "data_freshness",
  "--local",
  "test/fixtures/lake",
  "--param",
  "2026-11-01",
];
