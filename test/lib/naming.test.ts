import { SettingsError } from "../../lib/errors";
import {
  STACK_PREFIX,
  bucketNameRules,
  namingProblems,
  partitionOf,
  resourceNames,
} from "../../lib/naming";
import { loadSettings } from "../../lib/settings";
import { settingsFor } from "../helpers/settings";

const LENGTH = (n: number) => `must be 3-63 characters long (is ${n})`;
const CHARACTERS = "may hold only lowercase letters, digits and hyphens";
const ENDS = "must start and end with a letter or digit";

describe("resourceNames", () => {
  test("derives every name of the shipped dev environment", () => {
    expect(resourceNames(loadSettings(), "dev")).toEqual({
      environment: "dev",
      stack: "analytics-dev",
      accountId: "111111111111",
      region: "eu-west-1",
      partition: "aws",
      dataBucket: "analytics-dev-data-111111111111-eu-west-1",
      resultsBucket: "analytics-dev-results-111111111111-eu-west-1",
      accessLogsBucket: "analytics-dev-logs-111111111111-eu-west-1",
      keyAlias: "alias/analytics-dev-lake",
      database: "analytics_dev",
      crawler: "analytics-dev-raw",
      crawlerRole: "analytics-dev-glue-crawler",
      securityConfiguration: "analytics-dev-lake",
      workgroup: "analytics-dev",
    });
  });

  test("names the stack after the prefix and the environment", () => {
    expect(STACK_PREFIX).toBe("analytics");
    expect(resourceNames(settingsFor(), "prod").stack).toBe("analytics-prod");
  });

  test("makes bucket names differ by account and region, so they are globally unique", () => {
    const base = resourceNames(settingsFor(), "dev");
    const otherAccount = resourceNames(
      settingsFor({ accountId: "333333333333" }),
      "dev",
    );
    const otherRegion = resourceNames(
      settingsFor({ region: "us-east-1" }),
      "dev",
    );

    for (const key of [
      "dataBucket",
      "resultsBucket",
      "accessLogsBucket",
    ] as const) {
      expect(base[key]).toContain("-111111111111-eu-west-1");
      expect(otherAccount[key]).toContain("-333333333333-");
      expect(otherRegion[key]).toMatch(/-us-east-1$/);
      expect(
        new Set([base[key], otherAccount[key], otherRegion[key]]).size,
      ).toBe(3);
    }
  });

  test("gives every environment its own names", () => {
    const settings = settingsFor();
    const dev = resourceNames(settings, "dev");
    const prod = resourceNames(settings, "prod");

    for (const key of Object.keys(dev) as (keyof typeof dev)[]) {
      if (["accountId", "region", "partition"].includes(key)) continue;
      expect(prod[key]).not.toBe(dev[key]);
    }
  });

  test("derived bucket names of the shipped settings break no S3 rule", () => {
    const settings = loadSettings();
    for (const env of Object.keys(settings.environments)) {
      const names = resourceNames(settings, env);
      expect([
        ...bucketNameRules(names.dataBucket),
        ...bucketNameRules(names.resultsBucket),
        ...bucketNameRules(names.accessLogsBucket),
      ]).toEqual([]);
    }
  });

  test("derives a database name of lowercase letters, digits and underscores", () => {
    const settings = settingsFor();
    settings.project = "my-data-lake2";

    const { database } = resourceNames(settings, "dev");

    expect(database).toBe("my_data_lake2_dev");
    expect(database).toMatch(/^[a-z0-9_]+$/);
    expect(Buffer.byteLength(database)).toBeLessThanOrEqual(255);
  });

  test("keeps the longest possible database name within 255 bytes", () => {
    const settings = settingsFor({}, "abcdefghij");
    settings.project = "abcdefghijklmnopqrst";

    const { database } = resourceNames(settings, "abcdefghij");

    expect(database).toBe("abcdefghijklmnopqrst_abcdefghij");
    expect(Buffer.byteLength(database)).toBeLessThanOrEqual(255);
  });

  test("uses the partition of the region", () => {
    expect(
      resourceNames(settingsFor({ region: "cn-north-1" }), "dev").partition,
    ).toBe("aws-cn");
  });

  test("fails for an unknown environment", () => {
    expect(() => resourceNames(settingsFor(), "qa")).toThrow(SettingsError);
    expect(() => resourceNames(settingsFor(), "qa")).toThrow(
      'has no environment "qa"; use one of dev, prod',
    );
  });
});

describe("partitionOf", () => {
  test.each([
    ["eu-west-1", "aws"],
    ["us-east-1", "aws"],
    ["ap-southeast-2", "aws"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-gov-east-1", "aws-us-gov"],
  ])("places %s in the %s partition", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe("bucketNameRules", () => {
  test.each([
    "abc",
    "a".repeat(63),
    "analytics-dev-data-111111111111-eu-west-1",
    "0-starts-with-a-digit",
    "xn-single-hyphen",
    "s3alias-in-the-middle",
  ])("accepts %s", (name) => {
    expect(bucketNameRules(name)).toEqual([]);
  });

  test.each<[string, string, string[]]>([
    ["two characters", "ab", [LENGTH(2)]],
    ["64 characters", "a".repeat(64), [LENGTH(64)]],
    ["the empty string", "", [LENGTH(0), ENDS]],
    ["uppercase letters", "Analytics-dev", [CHARACTERS, ENDS]],
    ["an uppercase letter inside", "analyTics", [CHARACTERS]],
    ["a dot", "analytics.dev", [CHARACTERS]],
    ["an underscore", "analytics_dev", [CHARACTERS]],
    ["a leading hyphen", "-analytics", [ENDS]],
    ["a trailing hyphen", "analytics-", [ENDS]],
    ["the xn-- prefix", "xn--analytics", ['must not start with "xn--"']],
    [
      "the sthree- prefix",
      "sthree-analytics",
      ['must not start with "sthree-"'],
    ],
    [
      "the amzn-s3-demo- prefix",
      "amzn-s3-demo-analytics",
      ['must not start with "amzn-s3-demo-"'],
    ],
    [
      "the -s3alias suffix",
      "analytics-s3alias",
      ['must not end with "-s3alias"'],
    ],
    ["the --ol-s3 suffix", "analytics--ol-s3", ['must not end with "--ol-s3"']],
    ["the --x-s3 suffix", "analytics--x-s3", ['must not end with "--x-s3"']],
    [
      "the --table-s3 suffix",
      "analytics--table-s3",
      ['must not end with "--table-s3"'],
    ],
    [
      "the .mrap suffix",
      "analytics.mrap",
      [CHARACTERS, 'must not end with ".mrap"'],
    ],
    [
      "several rules at once",
      `XN--${"a".repeat(70)}_`,
      [LENGTH(75), CHARACTERS, ENDS],
    ],
  ])("rejects %s", (_title, name, broken) => {
    expect(bucketNameRules(name)).toEqual(broken);
  });
});

describe("namingProblems", () => {
  test("finds nothing wrong with short names", () => {
    expect(namingProblems(settingsFor())).toEqual([]);
  });

  test("rejects a derived bucket name over 63 characters, naming the environment", () => {
    const settings = settingsFor({ region: "ap-southeast-2" }, "staging123");
    settings.project = "abcdefghijklmnopqrst";

    const problems = namingProblems(settings);

    expect(problems).toContainEqual({
      path: "environments.staging123",
      message:
        'derived bucket name must be 3-63 characters long (is 67); shorten `project` or the environment name, got "abcdefghijklmnopqrst-staging123-results-111111111111-ap-southeast-2"',
    });
    expect(problems.map((p) => p.path)).toEqual([
      "environments.staging123",
      "environments.staging123",
      "environments.staging123",
    ]);
  });
});
