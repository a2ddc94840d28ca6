/**
 * `npm run bench:local`: generates a 90-day sample lake with 100,000 users
 * in a temporary directory, checks every named query on it with the local
 * engine, and prints generation time, size on disk, per-query times and the
 * peak resident memory of the process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkQueries } from "../lib/local/check";
import { LOCAL_QUERY_VARIABLES, openLocalLake } from "../lib/local/lake";
import { loadQueries } from "../lib/queries/loader";
import { parseSampleOptions, writeSampleLake } from "../lib/sample/write";

const DAYS = "90";
const USERS = "100000";

async function main(): Promise<void> {
  const gzip = process.argv.includes("--gzip");
  const parent = mkdtempSync(join(tmpdir(), "lake-bench-"));
  const out = join(parent, "lake");
  try {
    const started = performance.now();
    const summary = await writeSampleLake(
      parseSampleOptions({ out, days: DAYS, users: USERS, gzip }),
    );
    const generation = (performance.now() - started) / 1000;
    console.log(
      `Generated ${DAYS} days, ${USERS} users${gzip ? " (gzip)" : ""}: ${summary.files} files, ${summary.records.toLocaleString("en-US")} records, ${mib(summary.bytes)} on disk in ${generation.toFixed(1)} s`,
    );

    const queries = loadQueries({ variables: LOCAL_QUERY_VARIABLES });
    const opened = performance.now();
    const lake = await openLocalLake(out);
    try {
      const checks = await checkQueries(lake, queries);
      const total = performance.now() - opened;
      const width = Math.max(...checks.map((c) => c.name.length));
      for (const check of checks) {
        const outcome = check.error
          ? `FAILED: ${check.error}`
          : `${check.rows} rows`;
        console.log(
          `  ${check.name.padEnd(width)}  ${String(check.millis).padStart(6)} ms  ${outcome}`,
        );
      }
      console.log(
        `Checked ${checks.length} queries in ${(total / 1000).toFixed(1)} s`,
      );
      if (checks.some((c) => c.error)) process.exitCode = 1;
    } finally {
      lake.close();
    }
    // maxRSS is in kilobytes.
    console.log(`Peak RSS: ${mib(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
