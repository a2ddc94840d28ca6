import { join } from "node:path";
import { SettingsError } from "../../lib/errors";
import { DEFAULT_SETTINGS_FILE } from "../../lib/environments";
import {
  MAX_CONFIGURED_TAGS,
  loadSettings,
  validateSettings,
} from "../../lib/settings";
import {
  DEV_ACCOUNT,
  RawSettings,
  rawSettings,
  settingsErrorOf,
  settingsFor,
  settingsProblems,
} from "../helpers/settings";

const FIXTURES = join(__dirname, "..", "fixtures", "settings");
const UNKNOWN =
  "unknown setting; check its spelling against the settings reference in the README";
const SECRET =
  "secrets do not belong in settings: remove it and use `terraform login` or a TF_TOKEN_<hostname> environment variable";
const FOOTER = "Fix the settings above and run again.";

/** Minimal settings with one change made to them. */
function rawWith(change: (raw: RawSettings) => void): RawSettings {
  const raw = rawSettings();
  change(raw);
  return raw;
}

/** The `dev` or `prod` environment of raw settings, for changing it. */
function env(raw: RawSettings, name = "dev"): Record<string, unknown> {
  const found = raw.environments?.[name];
  if (!found) throw new SettingsError("test", []);
  return found;
}

describe("loadSettings", () => {
  test("loads the shipped settings of dev and prod", () => {
    const settings = loadSettings();

    expect(settings.project).toBe("analytics");
    expect(Object.keys(settings.environments)).toEqual(["dev", "prod"]);
    expect(settings.environments.dev).toMatchObject({
      accountId: "111111111111",
      region: "eu-west-1",
      tags: { team: "data-platform", "cost-center": "cc-1042" },
      crawler: { schedule: "cron(0 3 * * ? *)", recrawl: "new-folders-only" },
      athena: { bytesScannedCutoff: 10 * 1024 ** 3 },
      backend: { type: "local" },
    });
    expect(settings.environments.prod).toMatchObject({
      accountId: "222222222222",
      storage: { resultsExpiryDays: 30, accessLogRetentionDays: 365 },
      backend: {
        type: "cloud",
        organization: "example-analytics",
        hostname: "app.terraform.io",
      },
    });
  });

  test("fills in every default for an environment that sets only account and region", () => {
    const settings = loadSettings(join(FIXTURES, "minimal.yaml"));

    expect(settings.environments.dev).toEqual({
      accountId: DEV_ACCOUNT,
      region: "eu-west-1",
      tags: {},
      storage: {
        noncurrentVersionRetentionDays: 30,
        rawIntelligentTieringDays: 30,
        resultsExpiryDays: 7,
        accessLogRetentionDays: 90,
      },
      crawler: {
        schedule: "cron(0 2 * * ? *)",
        recrawl: "new-folders-only",
        updateBehavior: "LOG",
      },
      athena: { bytesScannedCutoff: 10_737_418_240 },
      backend: { type: "local" },
    });
  });

  test("fails for a missing file, naming it and the example to start from", () => {
    const file = join(FIXTURES, "absent.yaml");

    const error = settingsErrorOf(() => loadSettings(file));

    expect(error.message).toBe(
      [
        `${file} has 1 problem:`,
        `  - ${file}: file not found; create it from the commented example in config/environments.yaml`,
        FOOTER,
      ].join("\n"),
    );
  });

  test("fails for a directory, without advice to create it", () => {
    const error = settingsErrorOf(() => loadSettings(FIXTURES));

    expect(error.message.split("\n")[1]).toBe(
      `  - ${FIXTURES}: cannot be read (EISDIR); point to the YAML settings file`,
    );
  });

  test("trims spaces around the crawler schedule", () => {
    const settings = settingsFor({
      crawler: { schedule: "  cron(0 2 * * ? *) " },
    });

    expect(settings.environments.dev.crawler.schedule).toBe(
      "cron(0 2 * * ? *)",
    );
  });

  test("fails for text that is not YAML, naming the line", () => {
    const file = join(FIXTURES, "invalid-yaml.yaml");

    const error = settingsErrorOf(() => loadSettings(file));

    expect(error.file).toBe(file);
    expect(error.message).toBe(
      [
        `${file} has 1 problem:`,
        "  - line 6: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
        FOOTER,
      ].join("\n"),
    );
  });

  test("fails for a key given twice, naming the line of the second", () => {
    const file = join(FIXTURES, "duplicate-keys.yaml");

    const error = settingsErrorOf(() => loadSettings(file));

    expect(error.problems).toEqual([
      { path: "line 6", message: "not valid YAML: Map keys must be unique" },
    ]);
  });

  test("fails for an unquoted account id, which YAML reads as a number", () => {
    const file = join(FIXTURES, "unquoted-account.yaml");

    const error = settingsErrorOf(() => loadSettings(file));

    expect(error.message).toBe(
      [
        `${file} has 1 problem:`,
        "  - environments.dev.accountId: must be text: put the value in quotes (YAML reads bare digits as a number and drops leading zeros), got 111111111111",
        FOOTER,
      ].join("\n"),
    );
  });

  test("reports every problem of a file together", () => {
    const file = join(FIXTURES, "misspelled-keys.yaml");

    const error = settingsErrorOf(() => loadSettings(file));

    expect(error.message).toBe(
      [
        `${file} has 3 problems:`,
        `  - environments.dev.storge: ${UNKNOWN}`,
        "  - environments.prod.storage.resultsExpiryDays: must be at least 1, got 0",
        `  - environments.prod.crawler.schedul: ${UNKNOWN}`,
        FOOTER,
      ].join("\n"),
    );
  });
});

describe("validateSettings", () => {
  test("accepts the minimal settings", () => {
    expect(Object.keys(validateSettings(rawSettings()).environments)).toEqual([
      "dev",
      "prod",
    ]);
  });

  test("keeps values that are set instead of the defaults", () => {
    const settings = settingsFor({
      storage: { rawIntelligentTieringDays: 0, resultsExpiryDays: 1 },
      crawler: { recrawl: "everything", updateBehavior: "UPDATE_IN_DATABASE" },
      athena: { bytesScannedCutoff: 10_485_760 },
      backend: { type: "s3", bucket: "state-bucket" },
    });

    expect(settings.environments.dev).toMatchObject({
      storage: {
        rawIntelligentTieringDays: 0,
        resultsExpiryDays: 1,
        noncurrentVersionRetentionDays: 30,
      },
      crawler: { recrawl: "everything", updateBehavior: "UPDATE_IN_DATABASE" },
      athena: { bytesScannedCutoff: 10_485_760 },
      backend: { type: "s3", bucket: "state-bucket" },
    });
  });

  test("rejects a results expiry of zero days with the whole message", () => {
    const raw = rawWith((r) => {
      env(r, "prod").storage = { resultsExpiryDays: 0 };
    });

    const error = settingsErrorOf(() => validateSettings(raw));

    expect(error).toBeInstanceOf(SettingsError);
    expect(error.file).toBe(DEFAULT_SETTINGS_FILE);
    expect(error.message).toBe(
      [
        "config/environments.yaml has 1 problem:",
        "  - environments.prod.storage.resultsExpiryDays: must be at least 1, got 0",
        "Fix the settings above and run again.",
      ].join("\n"),
    );
  });

  test("names the file it was given in the message", () => {
    const error = settingsErrorOf(() =>
      validateSettings({ project: "analytics" }, "other.yaml"),
    );

    expect(error.message).toBe(
      [
        "other.yaml has 1 problem:",
        "  - environments: is required",
        FOOTER,
      ].join("\n"),
    );
  });

  test.each<[string, (raw: RawSettings) => void, string]>([
    [
      "an unknown top-level key",
      (r) => {
        r.owner = "data";
      },
      `owner: ${UNKNOWN}`,
    ],
    [
      "an unknown key inside an environment",
      (r) => {
        env(r).storge = {};
      },
      `environments.dev.storge: ${UNKNOWN}`,
    ],
    [
      "an unknown key deep inside storage",
      (r) => {
        env(r).storage = { resultExpiryDays: 3 };
      },
      `environments.dev.storage.resultExpiryDays: ${UNKNOWN}`,
    ],
    [
      "a token under an s3 backend",
      (r) => {
        env(r).backend = { type: "s3", bucket: "state", token: "x" };
      },
      `environments.dev.backend.token: ${SECRET}`,
    ],
    [
      "a token under a cloud backend",
      (r) => {
        env(r).backend = { type: "cloud", organization: "org", token: "x" };
      },
      `environments.dev.backend.token: ${SECRET}`,
    ],
    [
      "an account id given as a number",
      (r) => {
        env(r).accountId = 111111111111;
      },
      "environments.dev.accountId: must be text: put the value in quotes (YAML reads bare digits as a number and drops leading zeros), got 111111111111",
    ],
    [
      "an account id of 11 digits",
      (r) => {
        env(r).accountId = "11111111111";
      },
      'environments.dev.accountId: must be a 12-digit AWS account id in quotes, got "11111111111"',
    ],
    [
      "a missing account id",
      (r) => {
        delete env(r).accountId;
      },
      "environments.dev.accountId: is required",
    ],
    [
      "a region in capitals",
      (r) => {
        env(r).region = "EU-west-1";
      },
      'environments.dev.region: must be an AWS region such as eu-west-1, got "EU-west-1"',
    ],
    [
      "a region that is an availability zone",
      (r) => {
        env(r).region = "eu-west-1a";
      },
      'environments.dev.region: must be an AWS region such as eu-west-1, got "eu-west-1a"',
    ],
    [
      "a fractional number of days",
      (r) => {
        env(r).storage = { noncurrentVersionRetentionDays: 1.5 };
      },
      "environments.dev.storage.noncurrentVersionRetentionDays: must be a whole number, got 1.5",
    ],
    [
      "days given as text",
      (r) => {
        env(r).storage = { accessLogRetentionDays: "90" };
      },
      'environments.dev.storage.accessLogRetentionDays: must be a number, got "90"',
    ],
    [
      "more than ten years of days",
      (r) => {
        env(r).storage = { accessLogRetentionDays: 3651 };
      },
      "environments.dev.storage.accessLogRetentionDays: must be at most 3650, got 3651",
    ],
    [
      "a negative tiering delay",
      (r) => {
        env(r).storage = { rawIntelligentTieringDays: -1 };
      },
      "environments.dev.storage.rawIntelligentTieringDays: must be at least 0, got -1",
    ],
    [
      "a bytes-scanned cutoff below 10 MiB, the provider's minimum",
      (r) => {
        env(r).athena = { bytesScannedCutoff: 10_000_000 };
      },
      "environments.dev.athena.bytesScannedCutoff: must be at least 10485760, got 10000000",
    ],
    [
      "an unknown backend type",
      (r) => {
        env(r).backend = { type: "gcs" };
      },
      'environments.dev.backend.type: must be one of local, s3, cloud, got "gcs"',
    ],
    [
      "an s3 backend without a bucket",
      (r) => {
        env(r).backend = { type: "s3" };
      },
      "environments.dev.backend.bucket: is required",
    ],
    [
      "a cloud backend without an organization",
      (r) => {
        env(r).backend = { type: "cloud" };
      },
      "environments.dev.backend.organization: is required",
    ],
    [
      "a cloud workspace with a space in it",
      (r) => {
        env(r).backend = {
          type: "cloud",
          organization: "org",
          workspace: "my ws",
        };
      },
      'environments.dev.backend.workspace: must be 1-90 letters, digits, underscores or hyphens, got "my ws"',
    ],
    [
      "an absolute local state path",
      (r) => {
        env(r).backend = { type: "local", path: "/var/state/dev.tfstate" };
      },
      'environments.dev.backend.path: must be a relative path so that synthesized output has no machine paths, got "/var/state/dev.tfstate"',
    ],
    [
      "a local state path leaving the repository",
      (r) => {
        env(r).backend = { type: "local", path: "../state/dev.tfstate" };
      },
      'environments.dev.backend.path: must stay inside the repository: remove the .. segments, e.g. state/terraform.tfstate, got "../state/dev.tfstate"',
    ],
    [
      "a region outside the commercial, China and GovCloud partitions",
      (r) => {
        env(r).region = "us-iso-east-1";
      },
      'environments.dev.region: must be an AWS region such as eu-west-1, got "us-iso-east-1"',
    ],
    [
      "51 tags",
      (r) => {
        env(r).tags = Object.fromEntries(
          Array.from({ length: 51 }, (_, i) => [`tag${i}`, "x"]),
        );
      },
      "environments.dev.tags: must have at most 47 tags (AWS allows 50 per resource and the platform sets 3); remove some, got 51",
    ],
    [
      "a tag key of 129 characters",
      (r) => {
        env(r).tags = { ["k".repeat(129)]: "x" };
      },
      `environments.dev.tags.${"k".repeat(129)}: tag keys must be 1-128 characters, got "${"k".repeat(129)}"`,
    ],
    [
      "a tag value of 257 characters",
      (r) => {
        env(r).tags = { team: "v".repeat(257) };
      },
      `environments.dev.tags.team: tag values must be at most 256 characters, got "${"v".repeat(257)}"`,
    ],
    [
      "a tag key starting with aws:",
      (r) => {
        env(r).tags = { "aws:team": "x" };
      },
      'environments.dev.tags.aws:team: tag keys must not start with "aws:" (reserved by AWS), got "aws:team"',
    ],
    [
      "a tag key the platform sets itself",
      (r) => {
        env(r).tags = { project: "other" };
      },
      'environments.dev.tags.project: tag keys project, environment, managed-by are set by the platform itself; remove this one, got "project"',
    ],
    [
      "a tag key with a character AWS does not allow",
      (r) => {
        env(r).tags = { "team#1": "x" };
      },
      'environments.dev.tags.team#1: tag keys may hold letters, digits, spaces and _ . : / = + - @, got "team#1"',
    ],
    [
      "a project name with capitals",
      (r) => {
        r.project = "Analytics";
      },
      'project: must be 3-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit, got "Analytics"',
    ],
    [
      "a project name of 21 characters",
      (r) => {
        r.project = "a".repeat(21);
      },
      `project: must be 3-20 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit, got "${"a".repeat(21)}"`,
    ],
    [
      "an environment name with a hyphen",
      (r) => {
        r.environments = {
          "dev-1": { accountId: DEV_ACCOUNT, region: "eu-west-1" },
        };
      },
      'environments.dev-1: environment names must be 1-10 lowercase letters or digits, starting with a letter, got "dev-1"',
    ],
    [
      "an environment name of 11 characters",
      (r) => {
        r.environments = {
          integration: { accountId: DEV_ACCOUNT, region: "eu-west-1" },
        };
      },
      'environments.integration: environment names must be 1-10 lowercase letters or digits, starting with a letter, got "integration"',
    ],
    [
      "no environments",
      (r) => {
        r.environments = {};
      },
      "environments: must define at least one environment, e.g. dev",
    ],
    [
      "an empty environment",
      (r) => {
        r.environments = { dev: null };
      },
      "environments.dev: must be a mapping of keys to values, got null",
    ],
    [
      "a five-field Unix cron schedule",
      (r) => {
        env(r).crawler = { schedule: "0 2 * * *" };
      },
      'environments.dev.crawler.schedule: must be an AWS cron expression cron(minutes hours day-of-month month day-of-week year) with six fields, got "0 2 * * *"; wrap it as cron(0 2 * * ? *)',
    ],
    [
      "an unknown recrawl mode",
      (r) => {
        env(r).crawler = { recrawl: "all" };
      },
      'environments.dev.crawler.recrawl: must be one of new-folders-only, everything, got "all"',
    ],
    [
      "updates in the database when only new folders are crawled",
      (r) => {
        env(r).crawler = {
          recrawl: "new-folders-only",
          updateBehavior: "UPDATE_IN_DATABASE",
        };
      },
      'environments.dev.crawler.updateBehavior: must be "LOG" when crawler.recrawl is "new-folders-only" (a crawl of new folders only cannot update existing tables); set updateBehavior: LOG, or recrawl: everything, got "UPDATE_IN_DATABASE"',
    ],
    [
      "updates in the database with the default recrawl mode",
      (r) => {
        env(r).crawler = { updateBehavior: "UPDATE_IN_DATABASE" };
      },
      'environments.dev.crawler.updateBehavior: must be "LOG" when crawler.recrawl is "new-folders-only" (a crawl of new folders only cannot update existing tables); set updateBehavior: LOG, or recrawl: everything, got "UPDATE_IN_DATABASE"',
    ],
  ])("rejects %s", (_title, change, problem) => {
    expect(settingsProblems(rawWith(change))).toEqual([problem]);
  });

  test(`accepts exactly ${MAX_CONFIGURED_TAGS} tags and keys of 128 characters`, () => {
    const tags = Object.fromEntries(
      Array.from({ length: MAX_CONFIGURED_TAGS }, (_, i) => [`tag${i}`, "x"]),
    );
    tags["k".repeat(128)] = "v".repeat(256);
    delete tags.tag0;

    const settings = settingsFor({ tags });

    expect(Object.keys(settings.environments.dev.tags)).toHaveLength(
      MAX_CONFIGURED_TAGS,
    );
  });

  test("accepts updates in the database when every folder is recrawled", () => {
    const settings = settingsFor({
      crawler: { recrawl: "everything", updateBehavior: "UPDATE_IN_DATABASE" },
    });

    expect(settings.environments.dev.crawler.updateBehavior).toBe(
      "UPDATE_IN_DATABASE",
    );
  });

  test("rejects derived bucket names longer than 63 characters", () => {
    // The longest project and environment names with a long region are
    // reachable: the regular expressions alone do not bound bucket names.
    const raw = rawWith((r) => {
      r.project = "abcdefghijklmnopqrst";
      r.environments = {
        staging123: { accountId: DEV_ACCOUNT, region: "ap-southeast-2" },
      };
    });
    const bucket = (purpose: string) =>
      `abcdefghijklmnopqrst-staging123-${purpose}-111111111111-ap-southeast-2`;
    const fix = "; shorten `project` or the environment name";

    expect(settingsProblems(raw)).toEqual([
      `environments.staging123: derived bucket name must be 3-63 characters long (is 64)${fix}, got "${bucket("data")}"`,
      `environments.staging123: derived bucket name must be 3-63 characters long (is 67)${fix}, got "${bucket("results")}"`,
      `environments.staging123: derived bucket name must be 3-63 characters long (is 64)${fix}, got "${bucket("logs")}"`,
    ]);
  });

  test("accepts the longest names when the region is short", () => {
    const raw = rawWith((r) => {
      r.project = "abcdefghijklmnopqrst";
      r.environments = {
        staging123: { accountId: DEV_ACCOUNT, region: "eu-west-1" },
      };
    });

    expect(validateSettings(raw).project).toBe("abcdefghijklmnopqrst");
  });

  test("reports several problems of the schema together in one error", () => {
    const raw = rawWith((r) => {
      r.owner = "data";
      env(r).accountId = 5;
      env(r).region = "mars-1";
      env(r, "prod").athena = { bytesScannedCutoff: 1 };
    });

    const error = settingsErrorOf(() => validateSettings(raw));

    expect(error.message).toBe(
      [
        "config/environments.yaml has 4 problems:",
        "  - environments.dev.accountId: must be text: put the value in quotes (YAML reads bare digits as a number and drops leading zeros), got 5",
        '  - environments.dev.region: must be an AWS region such as eu-west-1, got "mars-1"',
        "  - environments.prod.athena.bytesScannedCutoff: must be at least 10485760, got 1",
        `  - owner: ${UNKNOWN}`,
        FOOTER,
      ].join("\n"),
    );
  });

  test("reports a schema problem and a bad schedule of another environment together", () => {
    const raw = rawWith((r) => {
      env(r).region = "mars-1";
      env(r, "prod").crawler = { schedule: "cron(61 2 * * ? *)" };
    });

    expect(settingsProblems(raw)).toEqual([
      'environments.dev.region: must be an AWS region such as eu-west-1, got "mars-1"',
      'environments.prod.crawler.schedule: minutes field must be 0-59, got "61"',
    ]);
  });

  test("reports problems of several environments together", () => {
    const raw = rawWith((r) => {
      env(r).crawler = { schedule: "daily" };
      env(r, "prod").crawler = { updateBehavior: "UPDATE_IN_DATABASE" };
      r.environments = { ...r.environments, QA: env(r, "prod") };
    });

    expect(settingsProblems(raw).map((p) => p.split(":")[0])).toEqual([
      "environments.dev.crawler.schedule",
      "environments.prod.crawler.updateBehavior",
      "environments.QA",
      "environments.QA.crawler.updateBehavior",
    ]);
  });
});
