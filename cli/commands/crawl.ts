/**
 * `lake crawl`: runs the environment's Glue crawler and reports what it
 * changed in the catalog.
 */

import type { Command } from "commander";
import { runCrawler, type CrawlOutcome } from "../../lib/aws/crawler";
import { EnvironmentError } from "../../lib/errors";
import type { CliContext } from "../context";
import { globalSettingsFile, positiveSeconds } from "../options";
import { formatDuration, Progress } from "../progress";

interface CrawlOptions {
  readonly env: string;
  readonly wait: boolean;
  readonly timeout?: number;
}

/** Adds `lake crawl` to the program. */
export function registerCrawlCommand(
  program: Command,
  context: CliContext,
): void {
  program
    .command("crawl")
    .description(
      "Run the environment's Glue crawler (or attach to its current run) and report the tables it created, updated and deleted.",
    )
    .requiredOption(
      "--env <name>",
      "environment from the settings file, e.g. dev",
    )
    .option("--no-wait", "start the crawler and return without waiting")
    .option(
      "--timeout <seconds>",
      "longest wait for the crawl (the crawl goes on in AWS after it)",
      positiveSeconds,
      1800,
    )
    .action(async (options: CrawlOptions, command: Command) => {
      await crawl(options, globalSettingsFile(command), context);
    });
}

async function crawl(
  options: CrawlOptions,
  settingsFile: string,
  context: CliContext,
): Promise<void> {
  const target = context.resolveEnvironment(options.env, settingsFile);
  const glue = context.glue(target.region);
  const progress = new Progress(context.stderr);
  const interrupt = context.interrupt();
  let outcome: CrawlOutcome;
  try {
    outcome = await runCrawler(glue, target.crawler, {
      wait: options.wait,
      timeoutMs: (options.timeout ?? 1800) * 1000,
      region: target.region,
      pollMs: context.polling?.crawlerMs,
      signal: interrupt.signal,
      onProgress: (p) =>
        progress.update(
          p.state,
          `Crawler ${target.crawler}: ${p.state} (${formatDuration(p.elapsedMs)})`,
        ),
    });
  } catch (error) {
    progress.done();
    if (interrupt.signal.aborted) {
      context.stderr.write(
        `Stopped waiting; crawler ${target.crawler} goes on running in AWS.\n`,
      );
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
  progress.done();

  const out = context.stdout;
  if (outcome.status === "STARTED") {
    out.write(
      `Crawler ${outcome.crawler} ${outcome.attached ? "was already running" : "started"}; not waiting for it.\n`,
    );
    return;
  }
  const took =
    outcome.durationSeconds === undefined
      ? ""
      : ` in ${formatDuration(outcome.durationSeconds * 1000)}`;
  const attached = outcome.attached ? " (attached to the run in progress)" : "";
  out.write(
    `Crawler ${outcome.crawler}: ${outcome.status}${took}${attached}\n`,
  );
  out.write(
    `Tables created: ${count(outcome.tablesCreated)}, updated: ${count(outcome.tablesUpdated)}, deleted: ${count(outcome.tablesDeleted)}\n`,
  );
  if (outcome.status !== "SUCCEEDED") {
    const logs =
      outcome.logGroup && outcome.logStream
        ? ` (logs: ${outcome.logGroup} ${outcome.logStream})`
        : "";
    throw new EnvironmentError(
      `Crawler ${outcome.crawler} ended ${outcome.status}: ${outcome.errorMessage ?? "Glue gave no reason"}${logs}`,
    );
  }
}

function count(value: number | undefined): string {
  return value === undefined ? "unknown" : String(value);
}
