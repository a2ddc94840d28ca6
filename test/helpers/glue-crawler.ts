/**
 * Glue crawler responses and mock set-ups for the tests of `lake crawl`
 * and of the crawler operations.
 */

import {
  GetCrawlerMetricsCommand,
  GlueClient,
  type CrawlerMetrics,
  type GetCrawlerResponse,
} from "@aws-sdk/client-glue";
import type { AwsClientStub } from "aws-sdk-client-mock";

/** The crawler of the `dev` environment. */
export const CRAWLER = "analytics-dev-raw";

/** Start of the crawl before the one a test runs, by AWS's clock. */
export const PREVIOUS_START = new Date("2026-11-30T08:00:00Z");

/** Start of the crawl a test runs, by AWS's clock. */
export const NEW_START = new Date("2026-11-30T09:00:00Z");

/**
 * A GetCrawler response: the crawler in a state and, when a status is given,
 * its last crawl (started at NEW_START unless told otherwise).
 */
export function crawlerIn(
  state: "READY" | "RUNNING" | "STOPPING",
  last: {
    status?: "SUCCEEDED" | "FAILED" | "CANCELLED";
    error?: string;
    startTime?: Date;
  } = {},
): GetCrawlerResponse {
  return {
    Crawler: {
      Name: CRAWLER,
      State: state,
      LastCrawl: last.status
        ? {
            Status: last.status,
            ErrorMessage: last.error,
            LogGroup: "/aws-glue/crawlers",
            LogStream: CRAWLER,
            StartTime: last.startTime ?? NEW_START,
          }
        : undefined,
    },
  };
}

/** Makes GetCrawlerMetrics report these figures for the crawler. */
export function mockCrawlerMetrics(
  glueMock: AwsClientStub<GlueClient>,
  metrics: Omit<CrawlerMetrics, "CrawlerName">,
): void {
  glueMock.on(GetCrawlerMetricsCommand).resolves({
    CrawlerMetricsList: [{ CrawlerName: CRAWLER, ...metrics }],
  });
}
