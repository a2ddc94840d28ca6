import { SecureBucket } from "../../modules/secure-bucket";
import {
  StackReport,
  assertSuppressionsUsed,
  checkStack,
} from "../../lib/policy/engine";
import { describeFindings } from "../../lib/policy/report";
import { resourcesFromSynth } from "../../lib/policy/resources";
import { loadSuppressions } from "../../lib/policy/suppressions";
import { resourceNames } from "../../lib/naming";
import { loadSettings } from "../../lib/settings";
import { StackJson, rows } from "../helpers/policy";
import { synthConstructs, synthStack } from "../helpers/synth";

const settings = loadSettings();
const suppressions = loadSuppressions();

/** A fresh synth of every environment's stack, as in `npm run synth`. */
function synthAll(): Array<{ stack: string; json: StackJson }> {
  return Object.keys(settings.environments).map((environment) => ({
    stack: resourceNames(settings, environment).stack,
    json: synthStack(settings, environment).json,
  }));
}

function checkAll(
  stacks: Array<{ stack: string; json: StackJson }>,
): StackReport[] {
  return stacks.map(({ stack, json }) =>
    checkStack(resourcesFromSynth(stack, json), suppressions),
  );
}

describe("policy over the synthesized stacks", () => {
  const stacks = synthAll();
  const reports = checkAll(stacks);

  test("every stack of every environment passes every rule", () => {
    expect(reports.map((r) => r.stack)).toEqual([
      "analytics-dev",
      "analytics-prod",
    ]);
    expect(describeFindings(reports)).toBe("no findings");
  });

  test("every suppression still matches a finding and is reported", () => {
    expect(() => assertSuppressionsUsed(reports, suppressions)).not.toThrow();
    for (const report of reports) {
      expect(report.suppressed.map((s) => `${s.rule} ${s.address}`)).toEqual([
        "S3-006 aws_s3_bucket.access_logs_bucket",
        "LIFE-001 aws_s3_bucket.access_logs_bucket",
        "LIFE-001 aws_s3_bucket.results_bucket",
      ]);
    }
  });

  test("fails a stack whose data bucket falls back to SSE-S3", () => {
    const [dev] = synthAll();
    dev.json.resource.aws_s3_bucket_server_side_encryption_configuration.data_bucket_encryption.rule =
      [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "AES256" },
        },
      ];
    expect(rows(checkAll([dev])[0])).toEqual([
      [
        "S3-001",
        "aws_s3_bucket_server_side_encryption_configuration.data_bucket_encryption",
        'encrypts with sse_algorithm "AES256" (SSE-S3, which only a bucket receiving server access logs may use); use "aws:kms" with a customer managed key',
      ],
    ]);
  });

  test("fails a stack whose data bucket lets bucket policies make it public", () => {
    const [dev] = synthAll();
    dev.json.resource.aws_s3_bucket_public_access_block.data_bucket_public_access_block.block_public_policy = false;
    expect(rows(checkAll([dev])[0])).toEqual([
      [
        "S3-003",
        "aws_s3_bucket_public_access_block.data_bucket_public_access_block",
        "does not set block_public_policy to true",
      ],
    ]);
  });

  test("fails a stack whose data bucket loses its public access block", () => {
    const [dev] = synthAll();
    delete dev.json.resource.aws_s3_bucket_public_access_block
      .data_bucket_public_access_block;
    expect(rows(checkAll([dev])[0])).toEqual([
      [
        "S3-003",
        "aws_s3_bucket.data_bucket",
        "has no aws_s3_bucket_public_access_block",
      ],
    ]);
  });

  test("fails a SecureBucket built without a KMS key or access logs", () => {
    const synthesized = synthConstructs((scope) => {
      new SecureBucket(scope, "DataBucket", {
        bucketName: "analytics-dev-data-111111111111-eu-west-1",
        accountId: "111111111111",
        partition: "aws",
        lifecycleRules: [],
        preventDestroy: true,
      });
    });
    const report = checkStack(
      resourcesFromSynth("analytics-dev", synthesized.json),
    );
    expect(report.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([
      'S3-001 encrypts with sse_algorithm "AES256" (SSE-S3, which only a bucket receiving server access logs may use); use "aws:kms" with a customer managed key',
      "S3-006 has no aws_s3_bucket_logging",
      // The bare scope has no AWS provider, hence no default tags.
      "TAG-001 lacks the tags project, environment, managed-by",
    ]);
  });
});
