/**
 * Running the Glue crawler of an environment and reading the outcome of
 * its last crawl.
 */

import {
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GlueClient,
  StartCrawlerCommand,
  type Crawler,
} from "@aws-sdk/client-glue";
import { EnvironmentError } from "../errors";
import { callAws, describeAwsError, type AwsCall } from "./errors";
import { sleep } from "./wait";

/** How long a crawl may take before the wait gives up: 30 minutes. */
export const DEFAULT_CRAWL_TIMEOUT_MS = 30 * 60 * 1000;

/** What a wait for the crawler reports on each poll. */
export interface CrawlProgress {
  /** Crawler state: `RUNNING`, `STOPPING` or `READY`. */
  readonly state: string;
  /** Time since the command started the crawl or attached to it. */
  readonly elapsedMs: number;
}

/** Options of {@link runCrawler}. */
export interface RunCrawlerOptions {
  /**
   * Whether to wait for the crawl to end.
   * @default true
   */
  readonly wait?: boolean;
  /**
   * Longest wait for the crawl to end.
   * @default DEFAULT_CRAWL_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * Delay between polls of the crawler's state.
   * @default 5000
   */
  readonly pollMs?: number;
  /**
   * Ends the wait (the crawl itself continues in AWS).
   * @default no interruption
   */
  readonly signal?: AbortSignal;
  /**
   * Called after each poll.
   * @default no reports
   */
  readonly onProgress?: (progress: CrawlProgress) => void;
  /**
   * Region of the crawler, named in error messages.
   * @default not named
   */
  readonly region?: string;
}

/** How a crawl ended, from GetCrawler's LastCrawl and GetCrawlerMetrics. */
export interface CrawlOutcome {
  readonly crawler: string;
  /** Whether the crawler was already running and this command attached to that run. */
  readonly attached: boolean;
  /** `SUCCEEDED`, `FAILED`, `CANCELLED`, or `STARTED` when not waited for. */
  readonly status: string;
  /** Run time of the crawl in seconds, when known. */
  readonly durationSeconds?: number;
  readonly tablesCreated?: number;
  readonly tablesUpdated?: number;
  readonly tablesDeleted?: number;
  /** Glue's error message for a failed crawl. */
  readonly errorMessage?: string;
  /** CloudWatch log group and stream of the crawl. */
  readonly logGroup?: string;
  readonly logStream?: string;
}

/**
 * Starts a crawler, or attaches to its current run, and waits for the run
 * to end.
 *
 * The run has ended when the crawler is READY again after being seen
 * running, or when its LastCrawl is no longer the one noted before the
 * start (a crawl shorter than one poll). Only AWS's own timestamps are
 * compared, so a skewed local clock changes nothing.
 *
 * Throws EnvironmentError when the wait times out (the crawl continues),
 * and the signal's reason when interrupted.
 */
export async function runCrawler(
  glue: GlueClient,
  name: string,
  options: RunCrawlerOptions = {},
): Promise<CrawlOutcome> {
  const call = (action: string): AwsCall => ({
    service: "Glue",
    action,
    resource: `crawler "${name}"`,
    region: options.region,
  });
  const getCrawler = (signal?: AbortSignal) =>
    callAws(call("GetCrawler"), () =>
      glue.send(new GetCrawlerCommand({ Name: name }), {
        abortSignal: signal,
      }),
    );
  const wait = options.wait !== false;
  // The crawl to wait for is the one after this; the read is not
  // interruptible, like StartCrawler, so an interrupted wait always
  // leaves a started crawl behind, as the CLI reports.
  const previous = wait
    ? lastCrawlStart((await getCrawler()).Crawler)
    : undefined;
  const started = Date.now();

  let attached = false;
  try {
    await glue.send(new StartCrawlerCommand({ Name: name }));
  } catch (error) {
    if (!(error instanceof Error && error.name === "CrawlerRunningException")) {
      throw describeAwsError(error, call("StartCrawler"));
    }
    attached = true;
  }
  if (!wait) return { crawler: name, attached, status: "STARTED" };

  const timeoutMs = options.timeoutMs ?? DEFAULT_CRAWL_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 5000;
  let seenRunning = attached;
  let crawler: Crawler | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    crawler = (await getCrawler(options.signal)).Crawler;
    const state = crawler?.State ?? "UNKNOWN";
    const elapsedMs = Date.now() - started;
    options.onProgress?.({ state, elapsedMs });
    if (state !== "READY") seenRunning = true;
    else if (seenRunning || lastCrawlStart(crawler) !== previous) break;
    if (elapsedMs + pollMs > timeoutMs) {
      throw new EnvironmentError(
        `Crawler "${name}" is still ${state} after ${Math.round(timeoutMs / 1000)} s: the crawl goes on in AWS; run "lake crawl" again to wait for it, or raise --timeout.`,
      );
    }
    await sleep(pollMs, options.signal);
  }

  const metrics = await callAws(call("GetCrawlerMetrics"), () =>
    glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: [name] })),
  );
  const metric = metrics.CrawlerMetricsList?.find(
    (m) => m.CrawlerName === name,
  );
  const last = crawler?.LastCrawl;
  return {
    crawler: name,
    attached,
    status: last?.Status ?? "UNKNOWN",
    durationSeconds: metric?.LastRuntimeSeconds,
    tablesCreated: metric?.TablesCreated,
    tablesUpdated: metric?.TablesUpdated,
    tablesDeleted: metric?.TablesDeleted,
    errorMessage: last?.ErrorMessage,
    logGroup: last?.LogGroup,
    logStream: last?.LogStream,
  };
}

/** When the crawler's last crawl began, in ms since the epoch by AWS's clock. */
function lastCrawlStart(crawler: Crawler | undefined): number | undefined {
  return crawler?.LastCrawl?.StartTime?.getTime();
}
