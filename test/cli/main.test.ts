import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { settingsTarget } from "../../cli/context";
import { main } from "../../cli/main";
import { mockNamedQueries } from "../helpers/athena-mock";
import { executionIn, resultPage } from "../helpers/athena-results";
import { testContext } from "../helpers/cli-context";
import { queryRunArgs } from "../helpers/lake-args";

const version = (
  JSON.parse(readFileSync("package.json", "utf8")) as { version: string }
).version;

describe("lake", () => {
  it("prints the version from package.json", async () => {
    const context = testContext();
    await expect(main(["--version"], context)).resolves.toBe(0);
    expect(context.stdout.text).toBe(`${version}\n`);
  });

  it("prints help for the program and every command", async () => {
    for (const argv of [
      ["--help"],
      ["crawl", "--help"],
      ["query", "--help"],
      ["query", "list", "--help"],
      ["query", "run", "--help"],
      ["query", "check", "--help"],
      ["sample", "--help"],
      ["upload", "--help"],
    ]) {
      const context = testContext();
      await expect(main(argv, context)).resolves.toBe(0);
      expect(context.stdout.text).toMatch(/^Usage: lake/);
    }
  });

  it("rejects an unknown option with exit code 2", async () => {
    const context = testContext();
    await expect(
      main(["crawl", "--env", "dev", "--fast"], context),
    ).resolves.toBe(2);
    expect(context.stderr.text).toBe(
      "error: unknown option '--fast'\n(run with --help for usage)\n",
    );
  });

  it("rejects a missing required option with exit code 2", async () => {
    const context = testContext();
    await expect(main(["crawl"], context)).resolves.toBe(2);
    expect(context.stderr.text).toBe(
      "error: required option '--env <name>' not specified\n(run with --help for usage)\n",
    );
  });

  it("rejects a timeout that is not a positive number of seconds", async () => {
    const context = testContext();
    await expect(
      main(["crawl", "--env", "dev", "--timeout", "soon"], context),
    ).resolves.toBe(2);
    expect(context.stderr.text).toBe(
      "error: option '--timeout <seconds>' argument 'soon' is invalid. must be a positive whole number of seconds, e.g. 600\n(run with --help for usage)\n",
    );
  });

  it("rejects an unknown output format", async () => {
    const context = testContext();
    await expect(
      main(queryRunArgs("x", "--format", "xml"), context),
    ).resolves.toBe(2);
    expect(context.stderr.text).toMatch(
      /^error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, csv, json.\n/,
    );
  });

  it("reports a settings error as its problem block with exit code 1", async () => {
    const context = { ...testContext(), resolveEnvironment: settingsTarget };
    const file = "test/fixtures/settings/misspelled-keys.yaml";
    await expect(
      main(["crawl", "--env", "dev", "--settings", file], context),
    ).resolves.toBe(1);
    expect(context.stderr.text).toMatch(
      /^error: test\/fixtures\/settings\/misspelled-keys\.yaml has \d+ problems?:\n/,
    );
  });

  it("rejects an unknown --env with exit code 2, naming the settings file and the known environments", async () => {
    const context = { ...testContext(), resolveEnvironment: settingsTarget };
    const file = "test/fixtures/settings/minimal.yaml";
    await expect(
      main(["crawl", "--env", "nope", "--settings", file], context),
    ).resolves.toBe(2);
    expect(context.stderr.text).toBe(
      `error: --env "nope": no such environment in ${file}; use one of dev\n`,
    );
  });

  it("rejects an unknown --env of lake upload before reading the lake", async () => {
    const context = testContext();
    const file = "test/fixtures/settings/minimal.yaml";
    const args = [
      "upload",
      "/nonexistent",
      "--env",
      "nope",
      "--settings",
      file,
    ];
    await expect(main(args, context)).resolves.toBe(2);
    expect(context.stderr.text).toBe(
      `error: --env "nope": no such environment in ${file}; use one of dev\n`,
    );
  });

  it("ends quietly with exit code 0 when the reader of stdout goes away", async () => {
    const athenaMock = mockClient(AthenaClient);
    mockNamedQueries(athenaMock, [
      {
        NamedQueryId: "id-1",
        Name: "all_users",
        Database: "d",
        QueryString: "SELECT user_id FROM users",
      },
    ]);
    athenaMock.on(GetQueryExecutionCommand).resolves(executionIn("SUCCEEDED"));
    const ids = Array.from({ length: 1000 }, (_, i) => [
      `u-${String(i).padStart(6, "0")}`,
    ]);
    let pages = 0;
    athenaMock.on(GetQueryResultsCommand).callsFake(() => {
      pages += 1;
      return resultPage([{ name: "user_id", type: "varchar" }], ids, {
        header: pages === 1,
        nextToken: pages < 200 ? "more" : undefined,
      });
    });
    const context = testContext();
    const closedPipe = new Writable({
      highWaterMark: 1,
      write: (_chunk, _encoding, done) =>
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })),
    });
    closedPipe.on("error", () => undefined);

    const code = await main(queryRunArgs("all_users", "--format", "csv"), {
      ...context,
      stdout: closedPipe,
    });

    expect(code).toBe(0);
    expect(context.stderr.text).not.toContain("bug");
    expect(pages).toBeLessThan(200);
    athenaMock.restore();
  });
});
