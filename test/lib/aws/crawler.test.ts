import {
  GetCrawlerCommand,
  GlueClient,
  StartCrawlerCommand,
} from "@aws-sdk/client-glue";
import { mockClient } from "aws-sdk-client-mock";
import { runCrawler } from "../../../lib/aws/crawler";
import { EnvironmentError } from "../../../lib/errors";
import { serviceError } from "../../helpers/athena-results";
import {
  CRAWLER,
  PREVIOUS_START,
  crawlerIn,
  mockCrawlerMetrics,
} from "../../helpers/glue-crawler";

const glueMock = mockClient(GlueClient);

/** The crawler at rest after an earlier crawl that failed. */
const AT_REST = crawlerIn("READY", {
  status: "FAILED",
  error: "an earlier crawl",
  startTime: PREVIOUS_START,
});

/** The Glue calls a test made, in order. */
function glueCalls(): string[] {
  return glueMock.calls().map((c) => c.args[0].constructor.name);
}

beforeEach(() => {
  glueMock.reset();
  mockCrawlerMetrics(glueMock, {
    LastRuntimeSeconds: 75,
    TablesCreated: 1,
    TablesUpdated: 2,
    TablesDeleted: 0,
  });
});

describe("runCrawler", () => {
  it("starts the crawler, waits for it and reports the outcome", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolvesOnce(crawlerIn("RUNNING"))
      .resolvesOnce(crawlerIn("STOPPING"))
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));
    const states: string[] = [];

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
      onProgress: (p) => states.push(p.state),
    });

    expect(glueMock.commandCalls(StartCrawlerCommand)[0].args[0].input).toEqual(
      { Name: CRAWLER },
    );
    expect(glueCalls()).toEqual([
      "GetCrawlerCommand",
      "StartCrawlerCommand",
      "GetCrawlerCommand",
      "GetCrawlerCommand",
      "GetCrawlerCommand",
      "GetCrawlerMetricsCommand",
    ]);
    expect(states).toEqual(["RUNNING", "STOPPING", "READY"]);
    expect(outcome).toEqual({
      crawler: CRAWLER,
      attached: false,
      status: "SUCCEEDED",
      durationSeconds: 75,
      tablesCreated: 1,
      tablesUpdated: 2,
      tablesDeleted: 0,
      errorMessage: undefined,
      logGroup: "/aws-glue/crawlers",
      logStream: CRAWLER,
    });
  });

  it("reports a crawl shorter than one poll once LastCrawl shows a new start", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
    });

    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.errorMessage).toBeUndefined();
  });

  it("reports the first crawl of a crawler that never ran before", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(crawlerIn("READY"))
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
    });

    expect(outcome.status).toBe("SUCCEEDED");
  });

  it("waits past the previous crawl even when it started later than the local clock says it is now", async () => {
    const ahead = new Date(Date.now() + 60 * 60 * 1000);
    const previous = crawlerIn("READY", {
      status: "FAILED",
      error: "an earlier crawl",
      startTime: ahead,
    });
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(previous)
      .resolvesOnce(previous)
      .resolvesOnce(crawlerIn("RUNNING"))
      .resolves(
        crawlerIn("READY", {
          status: "SUCCEEDED",
          startTime: new Date(ahead.getTime() + 1000),
        }),
      );
    const states: string[] = [];

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
      onProgress: (p) => states.push(p.state),
    });

    expect(states).toEqual(["READY", "RUNNING", "READY"]);
    expect(outcome.status).toBe("SUCCEEDED");
  });

  it("ends the wait for a new crawl that started earlier than the local clock says", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolves(
        crawlerIn("READY", {
          status: "SUCCEEDED",
          startTime: new Date(Date.now() - 60 * 60 * 1000),
        }),
      );

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
      timeoutMs: 50,
    });

    expect(outcome.status).toBe("SUCCEEDED");
  });

  it("fails on timeout when the crawler stays READY with the previous crawl", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock.on(GetCrawlerCommand).resolves(AT_REST);

    await expect(
      runCrawler(new GlueClient({}), CRAWLER, { pollMs: 10, timeoutMs: 30 }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Crawler "analytics-dev-raw" is still READY after 0 s: the crawl goes on in AWS; run "lake crawl" again to wait for it, or raise --timeout.',
      ),
    );
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
      .resolvesOnce(
        crawlerIn("RUNNING", {
          status: "FAILED",
          startTime: PREVIOUS_START,
        }),
      )
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
    });

    expect(outcome.attached).toBe(true);
    expect(outcome.status).toBe("SUCCEEDED");
    expect(glueMock.commandCalls(GetCrawlerCommand)).toHaveLength(2);
  });

  it("reports a failed crawl with Glue's error message", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolvesOnce(crawlerIn("RUNNING"))
      .resolves(
        crawlerIn("READY", {
          status: "FAILED",
          error: "Service is unable to assume role",
        }),
      );

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      pollMs: 1,
    });

    expect(outcome.status).toBe("FAILED");
    expect(outcome.errorMessage).toBe("Service is unable to assume role");
  });

  it("returns at once without waiting when asked not to wait", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});

    const outcome = await runCrawler(new GlueClient({}), CRAWLER, {
      wait: false,
    });

    expect(outcome).toEqual({
      crawler: CRAWLER,
      attached: false,
      status: "STARTED",
    });
    expect(glueMock.commandCalls(GetCrawlerCommand)).toHaveLength(0);
  });

  it("fails with one clear line when the crawler does not exist", async () => {
    glueMock
      .on(GetCrawlerCommand)
      .rejects(
        serviceError(
          "EntityNotFoundException",
          "Crawler entry with name analytics-dev-raw does not exist",
        ),
      );

    await expect(
      runCrawler(new GlueClient({}), CRAWLER, { region: "eu-west-1" }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Crawler "analytics-dev-raw" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION.',
      ),
    );
    expect(glueMock.commandCalls(StartCrawlerCommand)).toHaveLength(0);
  });

  it("fails with one clear line when the crawler is deleted before it starts", async () => {
    glueMock.on(GetCrawlerCommand).resolves(AT_REST);
    glueMock
      .on(StartCrawlerCommand)
      .rejects(
        serviceError(
          "EntityNotFoundException",
          "Crawler entry with name analytics-dev-raw does not exist",
        ),
      );

    await expect(
      runCrawler(new GlueClient({}), CRAWLER, { region: "eu-west-1" }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Crawler "analytics-dev-raw" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION.',
      ),
    );
  });

  it("fails when the crawl outlasts the timeout", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolves(crawlerIn("RUNNING"));

    await expect(
      runCrawler(new GlueClient({}), CRAWLER, { pollMs: 10, timeoutMs: 30 }),
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
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .callsFake(() => {
        controller.abort(reason);
        return crawlerIn("RUNNING");
      });

    await expect(
      runCrawler(new GlueClient({}), CRAWLER, {
        pollMs: 1000,
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
    expect(glueMock.commandCalls(StartCrawlerCommand)).toHaveLength(1);
  });
});
