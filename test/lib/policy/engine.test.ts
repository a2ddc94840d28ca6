import {
  assertSuppressionsUsed,
  unusedSuppressions,
} from "../../../lib/policy/engine";
import {
  describeFindings,
  renderMarkdown,
  renderReport,
} from "../../../lib/policy/report";
import { check, compliantStack, suppression } from "../../helpers/policy";

const LOGS = "aws_s3_bucket.access_logs_bucket";

describe("checkStack", () => {
  test("applies a suppression only to its stack", () => {
    const only = suppression("S3-006", LOGS, "analytics-prod");
    expect(check(compliantStack(), [only], "analytics-prod").findings).toEqual(
      [],
    );
    expect(
      check(compliantStack(), [only], "analytics-dev").findings.map(
        (f) => f.rule,
      ),
    ).toEqual(["S3-006"]);
  });
});

describe("assertSuppressionsUsed", () => {
  test("accepts suppressions that each match a finding", () => {
    const used = suppression("S3-006", LOGS);
    const report = check(compliantStack(), [used]);
    expect(unusedSuppressions([report], [used])).toEqual([]);
    expect(() => assertSuppressionsUsed([report], [used])).not.toThrow();
  });

  test("rejects a suppression that matches no finding", () => {
    const stale = {
      ...suppression("KMS-001", "aws_kms_key.lake_key"),
      index: 2,
    };
    const report = check(compliantStack(), [stale], "analytics-dev");
    expect(() => assertSuppressionsUsed([report], [stale])).toThrow(
      "config/policy-suppressions.yaml has 1 problem:\n  - suppressions[2]: KMS-001 on aws_kms_key.lake_key in every stack matches no finding in analytics-dev; the resource complies or its address changed: remove the entry or correct its address\nFix the settings above and run again.",
    );
  });
});

describe("reports", () => {
  test("a finding says stack, resource, problem, rule, why and fix", () => {
    const doc = compliantStack();
    doc.resource.aws_kms_key.lake_key.enable_key_rotation = false;
    const report = check(doc, [suppression("S3-006", LOGS)], "analytics-dev");
    expect(describeFindings([report])).toBe(
      "analytics-dev: aws_kms_key.lake_key has enable_key_rotation false instead of true [KMS-001: Symmetric KMS keys rotate their key material every year.] Why: Rotation limits how much data one key version protects, and audits ask for it. Fix: Set enableKeyRotation: true on the KmsKey (LakeKey does).",
    );
  });

  test("the text report lists suppressions with their reasons", () => {
    const report = check(compliantStack(), [suppression("S3-006", LOGS)]);
    expect(describeFindings([report])).toBe("no findings");
    expect(renderReport(report)).toBe(
      [
        "fixture (synth): 18 rules over 24 resources, 0 findings, 1 suppressed",
        "  suppressed S3-006 aws_s3_bucket.access_logs_bucket has no aws_s3_bucket_logging; reason: Accepted in this test for a reason stated here.",
      ].join("\n"),
    );
  });

  test("the Markdown report tables findings and suppressions", () => {
    const doc = compliantStack();
    doc.resource.aws_kms_key.lake_key.enable_key_rotation = false;
    const report = check(doc, [suppression("S3-006", LOGS)]);
    expect(renderMarkdown(report)).toBe(
      [
        "### Policy: FAILED",
        "",
        "18 rules over 24 resources (synth): 1 finding, 1 suppressed.",
        "",
        "| Rule | Resource | Problem | Fix |",
        "| --- | --- | --- | --- |",
        "| KMS-001 | `aws_kms_key.lake_key` | has enable_key_rotation false instead of true | Set enableKeyRotation: true on the KmsKey (LakeKey does). |",
        "",
        "Suppressed (config/policy-suppressions.yaml):",
        "",
        "| Rule | Resource | Finding | Reason |",
        "| --- | --- | --- | --- |",
        "| S3-006 | `aws_s3_bucket.access_logs_bucket` | has no aws_s3_bucket_logging | Accepted in this test for a reason stated here. |",
      ].join("\n"),
    );
  });
});
