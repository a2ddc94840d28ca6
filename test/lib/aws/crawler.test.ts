import {
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GlueClient,
  StartCrawlerCommand,
  type GetCrawlerResponse,
} from "@aws-sdk/client-glue";
import { mockClient } from "aws-sdk-client-mock";
import { runCrawler } from "../../../lib/aws/crawler";
import { EnvironmentError } from "../../../lib/errors";
import { serviceError } from "../../helpers/athena-results";

const glueMock = mockClient(GlueClient);
const NAME = "analytics-dev-raw";

function crawlerIn(
  state: "READY" | "RUNNING" | "STOPPING",
  last: { status?: "SUCCEEDED" | "FAILED" | "CANCELLED"; error?: string } = {},
): GetCrawlerResponse {
  return {
    Crawler: {
      Name: NAME,
      State: state,
      LastCrawl: last.status
        ? {
            Status: last.status,
            ErrorMessage: last.error,
            LogGroup: "/aws-glue/crawlers",
            LogStream: NAME,
            StartTime: new Date(0),
          }
        : undefined,
    },
  };
}

beforeEach(() => {
  glueMock.reset();
  glueMock.on(GetCrawlerMetricsCommand).resolves({
    CrawlerMetricsList: [
      {
        CrawlerName: NAME,
        LastRuntimeSeconds: 75,
        TablesCreated: 1,
        TablesUpdated: 2,
        TablesDeleted: 0,
      },
    ],
  });
});

describe("runCrawler", () => {
  it("starts the crawler, waits for it and reports the outcome", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(crawlerIn("RUNNING"))
      .resolvesOnce(crawlerIn("STOPPING"))
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));
    const states: string[] = [];

    const outcome = await runCrawler(new GlueClient({}), NAME, {
      pollMs: 1,
      onProgress: (p) => states.push(p.state),
    });

    expect(glueMock.commandCalls(StartCrawlerCommand)[0].args[0].input).toEqual(
      { Name: NAME },
    );
    expect(states).toEqual(["RUNNING", "STOPPING", "READY"]);
    expect(outcome).toEqual({
      crawler: NAME,
      attached: false,
      status: "SUCCEEDED",
      durationSeconds: 75,
      tablesCreated: 1,
      tablesUpdated: 2,
      tablesDeleted: 0,
      errorMessage: undefined,
      logGroup: "/aws-glue/crawlers",
      logStream: NAME,
    });
  });

  it("attaches to a run in progress when the crawler is already running", async () => {
    glueMock
      .on(StartCrawlerCommand)
      .rejects(
        serviceError(
          "CrawlerRunningException",
          "Crawler with name analytics-dev-raw has already started",
        ),
      );
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(crawlerIn("RUNNING"))
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));

    const outcome = await runCrawler(new GlueClient({}), NAME, { pollMs: 1 });

    expect(outcome.attached).toBe(true);
    expect(outcome.status).toBe("SUCCEEDED");
  });

  it("reports a failed crawl with Glue's error message", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(crawlerIn("RUNNING"))
      .resolves(
        crawlerIn("READY", {
          status: "FAILED",
          error: "Service is unable to assume role",
        }),
      );

    const outcome = await runCrawler(new GlueClient({}), NAME, { pollMs: 1 });

    expect(outcome.status).toBe("FAILED");
    expect(outcome.errorMessage).toBe("Service is unable to assume role");
  });

  it("returns at once without waiting when asked not to wait", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});

    const outcome = await runCrawler(new GlueClient({}), NAME, { wait: false });

    expect(outcome).toEqual({
      crawler: NAME,
      attached: false,
      status: "STARTED",
    });
    expect(glueMock.commandCalls(GetCrawlerCommand)).toHaveLength(0);
  });

  it("fails with one clear line when the crawler does not exist", async () => {
    glueMock
      .on(StartCrawlerCommand)
      .rejects(
        serviceError(
          "EntityNotFoundException",
          "Crawler entry with name analytics-dev-raw does not exist",
        ),
      );

    await expect(
      runCrawler(new GlueClient({}), NAME, { region: "eu-west-1" }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Crawler "analytics-dev-raw" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION.',
      ),
    );
  });

  it("fails when the crawl outlasts the timeout", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock.on(GetCrawlerCommand).resolves(crawlerIn("RUNNING"));

    await expect(
      runCrawler(new GlueClient({}), NAME, { pollMs: 10, timeoutMs: 30 }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Crawler "analytics-dev-raw" is still RUNNING after 0 s: the crawl goes on in AWS; run "lake crawl" again to wait for it, or raise --timeout.',
      ),
    );
  });

  it("stops waiting when interrupted", async () => {
    const controller = new AbortController();
    const reason = new Error("interrupted");
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock.on(GetCrawlerCommand).callsFake(() => {
      controller.abort(reason);
      return crawlerIn("RUNNING");
    });

    await expect(
      runCrawler(new GlueClient({}), NAME, {
        pollMs: 1000,
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });
});
