import {
  GetCrawlerCommand,
  GlueClient,
  StartCrawlerCommand,
} from "@aws-sdk/client-glue";
import { mockClient } from "aws-sdk-client-mock";
import { main } from "../../../cli/main";
import { Interrupted } from "../../../cli/signals";
import { serviceError } from "../../helpers/athena-results";
import { testContext } from "../../helpers/cli-context";
import {
  PREVIOUS_START,
  crawlerIn,
  mockCrawlerMetrics,
} from "../../helpers/glue-crawler";

const glueMock = mockClient(GlueClient);

/** The crawler at rest after an earlier crawl, before the command starts it. */
const AT_REST = crawlerIn("READY", {
  status: "SUCCEEDED",
  startTime: PREVIOUS_START,
});
const RUNNING = crawlerIn("RUNNING");

beforeEach(() => {
  glueMock.reset();
  mockCrawlerMetrics(glueMock, {
    LastRuntimeSeconds: 65,
    TablesCreated: 0,
    TablesUpdated: 2,
    TablesDeleted: 0,
  });
});

describe("lake crawl", () => {
  it("runs the environment's crawler and prints the outcome", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolvesOnce(RUNNING)
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));
    const context = testContext();

    await expect(main(["crawl", "--env", "dev"], context)).resolves.toBe(0);

    expect(glueMock.commandCalls(StartCrawlerCommand)[0].args[0].input).toEqual(
      {
        Name: "analytics-dev-raw",
      },
    );
    expect(context.stdout.text).toBe(
      "Crawler analytics-dev-raw: SUCCEEDED in 1 min 05 s\nTables created: 0, updated: 2, deleted: 0\n",
    );
    expect(context.stderr.text).toMatch(
      /^Crawler analytics-dev-raw: RUNNING \(\d+ ms\)\nCrawler analytics-dev-raw: READY \([\d.]+ m?s\)\n$/,
    );
  });

  it("says when it attached to a run in progress", async () => {
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
      .resolvesOnce(RUNNING)
      .resolves(crawlerIn("READY", { status: "SUCCEEDED" }));
    const context = testContext();

    await expect(main(["crawl", "--env", "dev"], context)).resolves.toBe(0);

    expect(context.stdout.text).toContain(
      "Crawler analytics-dev-raw: SUCCEEDED in 1 min 05 s (attached to the run in progress)\n",
    );
  });

  it("fails with Glue's error message when the crawl fails", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .resolvesOnce(RUNNING)
      .resolves(
        crawlerIn("READY", {
          status: "FAILED",
          error: "Service is unable to assume role",
        }),
      );
    const context = testContext();

    await expect(main(["crawl", "--env", "dev"], context)).resolves.toBe(1);

    expect(context.stdout.text).toBe(
      "Crawler analytics-dev-raw: FAILED in 1 min 05 s\nTables created: 0, updated: 2, deleted: 0\n",
    );
    expect(context.stderr.text).toContain(
      "error: Crawler analytics-dev-raw ended FAILED: Service is unable to assume role (logs: /aws-glue/crawlers analytics-dev-raw)\n",
    );
  });

  it("returns at once with --no-wait", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    const context = testContext();

    await expect(
      main(["crawl", "--env", "dev", "--no-wait"], context),
    ).resolves.toBe(0);

    expect(context.stdout.text).toBe(
      "Crawler analytics-dev-raw started; not waiting for it.\n",
    );
    expect(glueMock.commandCalls(GetCrawlerCommand)).toHaveLength(0);
  });

  it("fails with one line when the crawler does not exist", async () => {
    glueMock
      .on(GetCrawlerCommand)
      .rejects(
        serviceError(
          "EntityNotFoundException",
          "Crawler entry with name analytics-dev-raw does not exist",
        ),
      );
    const context = testContext();

    await expect(main(["crawl", "--env", "dev"], context)).resolves.toBe(1);

    expect(context.stderr.text).toBe(
      'error: Crawler "analytics-dev-raw" does not exist in eu-west-1: deploy the environment first, or check --env and AWS_REGION.\n',
    );
  });

  it("stops waiting on Ctrl-C and exits 130, leaving the crawl running", async () => {
    glueMock.on(StartCrawlerCommand).resolves({});
    const context = testContext();
    glueMock
      .on(GetCrawlerCommand)
      .resolvesOnce(AT_REST)
      .callsFake(() => {
        context.interruptNow(new Interrupted());
        return RUNNING;
      });

    await expect(main(["crawl", "--env", "dev"], context)).resolves.toBe(130);

    expect(context.stderr.text).toContain(
      "Stopped waiting; crawler analytics-dev-raw goes on running in AWS.\nInterrupted.\n",
    );
  });
});
