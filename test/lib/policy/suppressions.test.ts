import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_SUPPRESSIONS_FILE,
  loadSuppressions,
  validateSuppressions,
} from "../../../lib/policy/suppressions";

const FILE = "config/policy-suppressions.yaml";
const REASON = "The bucket receives the access logs of every other bucket.";

describe("loadSuppressions", () => {
  test("reads the project's suppressions, each with a reason", () => {
    const suppressions = loadSuppressions(DEFAULT_SUPPRESSIONS_FILE);
    expect(suppressions.length).toBeGreaterThan(0);
    expect(suppressions[0]).toMatchObject({
      index: 0,
      rule: "S3-006",
      address: "aws_s3_bucket.access_logs_bucket",
    });
  });

  test("rejects a missing file", () => {
    expect(() => loadSuppressions("config/no-such-file.yaml")).toThrow(
      "config/no-such-file.yaml has 1 problem:\n  - config/no-such-file.yaml: file not found; create it with `suppressions: []`\nFix the settings above and run again.",
    );
  });

  test("rejects a file that is not YAML", () => {
    const file = join(mkdtempSync(join(tmpdir(), "suppressions-")), "s.yaml");
    writeFileSync(file, "suppressions: [\n");
    expect(() => loadSuppressions(file)).toThrow(
      `${file} has 1 problem:\n  - line 2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\nFix the settings above and run again.`,
    );
  });
});

describe("validateSuppressions", () => {
  test("accepts an empty list and an empty file", () => {
    expect(validateSuppressions({ suppressions: [] }, FILE)).toEqual([]);
    expect(validateSuppressions(null, FILE)).toEqual([]);
  });

  test("accepts an entry limited to one stack", () => {
    expect(
      validateSuppressions(
        {
          suppressions: [
            {
              rule: "S3-006",
              address: "aws_s3_bucket.access_logs_bucket",
              stack: "analytics-dev",
              reason: REASON,
            },
          ],
        },
        FILE,
      ),
    ).toEqual([
      {
        index: 0,
        rule: "S3-006",
        address: "aws_s3_bucket.access_logs_bucket",
        stack: "analytics-dev",
        reason: REASON,
      },
    ]);
  });

  test("rejects a file without a list", () => {
    expect(() => validateSuppressions({ suppressions: "none" }, FILE)).toThrow(
      `${FILE} has 1 problem:\n  - suppressions: must be a list of { rule, address, stack?, reason } entries (use \`suppressions: []\` for none), got "none"\nFix the settings above and run again.`,
    );
  });

  test("rejects an unknown rule, a bad address, a short reason and an unknown key together", () => {
    expect(() =>
      validateSuppressions(
        {
          suppressions: [
            {
              rule: "S3-999",
              address: "data_bucket",
              reason: "Because.",
              owner: "me",
            },
            "S3-006",
            {
              rule: "S3-006",
              address: "aws_s3_bucket.access_logs_bucket",
              stack: "",
              reason: "logs bucket",
            },
          ],
        },
        FILE,
      ),
    ).toThrow(
      [
        `${FILE} has 7 problems:`,
        "  - suppressions[0].owner: unknown key; an entry has only rule, address, stack, reason",
        '  - suppressions[0].rule: must be the id of a rule (S3-001, S3-002, S3-003, S3-004, S3-005, S3-006, S3-007, KMS-001, ATH-001, ATH-002, ATH-003, GLUE-001, GLUE-002, IAM-001, IAM-002, IAM-003, LIFE-001, TAG-001), got "S3-999"',
        '  - suppressions[0].address: must be a Terraform resource address such as aws_s3_bucket.access_logs_bucket, got "data_bucket"',
        '  - suppressions[0].reason: must explain in at least one sentence (6 or more words ending in a full stop) why the finding is acceptable, got "Because."',
        '  - suppressions[1]: must be a mapping with rule, address and reason, got "S3-006"',
        '  - suppressions[2].stack: must be a stack id such as analytics-dev, or left out for every stack, got ""',
        '  - suppressions[2].reason: must explain in at least one sentence (6 or more words ending in a full stop) why the finding is acceptable, got "logs bucket"',
        "Fix the settings above and run again.",
      ].join("\n"),
    );
  });

  test("rejects a repeated entry", () => {
    const entry = {
      rule: "S3-006",
      address: "aws_s3_bucket.access_logs_bucket",
      reason: REASON,
    };
    expect(() =>
      validateSuppressions({ suppressions: [entry, entry] }, FILE),
    ).toThrow(
      `${FILE} has 1 problem:\n  - suppressions[1]: repeats suppressions[0] (S3-006 on aws_s3_bucket.access_logs_bucket); remove one\nFix the settings above and run again.`,
    );
  });
});
