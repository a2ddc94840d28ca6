import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  RULES,
  WILDCARD_RESOURCE_ACTIONS,
  isBroadPolicy,
  isWildcardAction,
  isWildcardResource,
} from "../../../lib/policy/rules";
import {
  StackJson,
  check,
  compliantStack,
  readFixture,
  rows,
  suppression,
} from "../../helpers/policy";

const LOGS = "aws_s3_bucket.access_logs_bucket";

describe("policy rules", () => {
  test("every rule has a unique id, a statement, a reason and a fix", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[A-Z0-9]+-\d{3}$/);
      expect(rule.statement).toMatch(/\.$/);
      expect(rule.why.length).toBeGreaterThan(30);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  test("the README documents every rule and every action allowed on Resource *", () => {
    const docs = readFileSync(
      join(__dirname, "..", "..", "..", "README.md"),
      "utf8",
    );
    const missing = [
      ...RULES.filter((r) => !new RegExp(`\\| ${r.id} +\\|`).test(docs)).map(
        (r) => r.id,
      ),
      ...[...WILDCARD_RESOURCE_ACTIONS.keys()].filter(
        (a) => !docs.includes(`\`${a}\``),
      ),
    ];
    expect(missing).toEqual([]);
  });

  test("the compliant fixture passes every rule but the accepted access-logs finding", () => {
    expect(rows(check(compliantStack()))).toEqual([
      ["S3-006", LOGS, "has no aws_s3_bucket_logging"],
    ]);
    const report = check(compliantStack(), [suppression("S3-006", LOGS)]);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toHaveLength(1);
  });

  test("fails the broken fixture on every rule, naming the resource and the value found", () => {
    expect(rows(check(readFixture("policy/broken-stack.json")))).toEqual([
      [
        "S3-001",
        "aws_s3_bucket_server_side_encryption_configuration.broken_bucket_encryption",
        'encrypts with sse_algorithm "AES256" (SSE-S3, which only a bucket receiving server access logs may use); use "aws:kms" with a customer managed key',
      ],
      [
        "S3-002",
        "aws_s3_bucket.broken_bucket",
        'has versioning status "Suspended" instead of "Enabled"',
      ],
      [
        "S3-003",
        "aws_s3_bucket_public_access_block.broken_bucket_public_access_block",
        "does not set block_public_policy, restrict_public_buckets to true",
      ],
      [
        "S3-004",
        "aws_s3_bucket.broken_bucket",
        'has object_ownership "ObjectWriter" instead of "BucketOwnerEnforced"',
      ],
      [
        "S3-005",
        "aws_s3_bucket_policy.broken_bucket_policy",
        "policy: has no statement denying s3:* on the bucket and its objects (Resource ending in /*) to Principal * when aws:SecureTransport is false",
      ],
      ["S3-006", "aws_s3_bucket.broken_bucket", "has no aws_s3_bucket_logging"],
      [
        "S3-007",
        "aws_s3_bucket_lifecycle_configuration.broken_bucket_lifecycle",
        "has no enabled rule for the whole bucket with abort_incomplete_multipart_upload",
      ],
      [
        "KMS-001",
        "aws_kms_key.unrotated_key",
        "has enable_key_rotation false instead of true",
      ],
      [
        "ATH-001",
        "aws_athena_workgroup.bare_workgroup",
        "has no configuration block",
      ],
      [
        "ATH-001",
        "aws_athena_workgroup.open_workgroup",
        "has enforce_workgroup_configuration false",
      ],
      [
        "ATH-002",
        "aws_athena_workgroup.bare_workgroup",
        'has result encryption_option nothing; use "SSE_KMS" or "CSE_KMS"',
      ],
      [
        "ATH-002",
        "aws_athena_workgroup.open_workgroup",
        'has result encryption_option "SSE_S3"; use "SSE_KMS" or "CSE_KMS"',
      ],
      [
        "ATH-003",
        "aws_athena_workgroup.bare_workgroup",
        "has bytes_scanned_cutoff_per_query nothing; set at least 10485760 (10 MiB)",
      ],
      [
        "ATH-003",
        "aws_athena_workgroup.open_workgroup",
        "has bytes_scanned_cutoff_per_query nothing; set at least 10485760 (10 MiB)",
      ],
      [
        "GLUE-001",
        "aws_glue_crawler.elsewhere_crawler",
        'names security_configuration "defined-elsewhere", which this stack does not define, so its encryption cannot be checked',
      ],
      [
        "GLUE-001",
        "aws_glue_crawler.unsecured_crawler",
        "sets no security_configuration",
      ],
      [
        "GLUE-002",
        "aws_glue_security_configuration.partial_security_configuration",
        "has s3_encryption without a kms_key_arn",
      ],
      [
        "GLUE-002",
        "aws_glue_security_configuration.partial_security_configuration",
        'has cloudwatch_encryption.cloudwatch_encryption_mode "DISABLED"; use "SSE-KMS"',
      ],
      [
        "IAM-001",
        "aws_iam_role_policy.broad_policy",
        "policy: statement EverythingInS3 allows wildcard actions s3:*",
      ],
      [
        "IAM-001",
        "aws_iam_role_policy.broad_policy",
        "policy: statement AllButIam allows everything except NotAction iam:*",
      ],
      [
        "IAM-001",
        "aws_iam_role_policy.opaque_policy",
        "policy cannot be checked: the policy is the expression ${data.aws_iam_policy_document.crawler.json}; write it as a JSON document (lib/iam.ts policyJson)",
      ],
      [
        "IAM-002",
        "aws_iam_role_policy.broad_policy",
        'policy: statement EverythingInS3 allows s3:*, s3:GetObject on Resource "*"',
      ],
      [
        "IAM-002",
        "aws_iam_role_policy.broad_policy",
        "policy: statement AllButIam allows everything except NotResource arn:aws:iam::*:*",
      ],
      [
        "IAM-002",
        "aws_iam_role_policy.opaque_policy",
        "policy cannot be checked: the policy is the expression ${data.aws_iam_policy_document.crawler.json}; write it as a JSON document (lib/iam.ts policyJson)",
      ],
      [
        "IAM-003",
        "aws_iam_role_policy_attachment.full_access",
        "attaches the managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess",
      ],
      [
        "IAM-003",
        "aws_iam_role_policy_attachment.glue_service_role",
        "attaches the managed policy arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
      ],
      [
        "IAM-003",
        "aws_iam_role.broad_role",
        "attaches the managed policy arn:aws:iam::aws:policy/AdministratorAccess",
      ],
      [
        "LIFE-001",
        "aws_glue_catalog_database.unprotected_database",
        "does not set lifecycle prevent_destroy",
      ],
      [
        "LIFE-001",
        "aws_s3_bucket.broken_bucket",
        "does not set lifecycle prevent_destroy",
      ],
      [
        "TAG-001",
        "aws_glue_catalog_database.unprotected_database",
        "lacks the tags environment",
      ],
    ]);
  });

  test("fails each rule at least once on the broken fixture", () => {
    const failed = new Set(
      check(readFixture("policy/broken-stack.json")).findings.map(
        (f) => f.rule,
      ),
    );
    expect(RULES.map((r) => r.id).filter((id) => !failed.has(id))).toEqual([]);
  });

  test("fails a KMS-encrypted bucket without a key or S3 Bucket Keys", () => {
    const doc = compliantStack();
    const rule =
      doc.resource.aws_s3_bucket_server_side_encryption_configuration
        .data_bucket_encryption.rule[0];
    delete rule.apply_server_side_encryption_by_default.kms_master_key_id;
    rule.bucket_key_enabled = false;
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([
      [
        "S3-001",
        "aws_s3_bucket_server_side_encryption_configuration.data_bucket_encryption",
        "sets no kms_master_key_id (uses the AWS managed key)",
      ],
      [
        "S3-001",
        "aws_s3_bucket_server_side_encryption_configuration.data_bucket_encryption",
        "has bucket_key_enabled false instead of true",
      ],
    ]);
  });

  test("fails a bucket that logs into itself", () => {
    const doc = compliantStack();
    doc.resource.aws_s3_bucket_logging.access_logs_bucket_access_logging = {
      bucket: "${aws_s3_bucket.access_logs_bucket.id}",
      target_bucket: "fixture-logs",
      target_prefix: "self/",
    };
    expect(rows(check(doc))).toEqual([
      [
        "S3-006",
        "aws_s3_bucket_logging.access_logs_bucket_access_logging",
        "logs the bucket into itself, which creates a log record for every log delivery",
      ],
    ]);
  });

  test("fails a bucket without any of its companion resources", () => {
    const doc = compliantStack();
    doc.resource.aws_s3_bucket.bare_bucket = {
      bucket: "fixture-bare",
      lifecycle: { prevent_destroy: true },
    };
    const bare = rows(check(doc, [suppression("S3-006", LOGS)]));
    expect(bare.map(([rule, , message]) => `${rule} ${message}`)).toEqual([
      "S3-001 has no aws_s3_bucket_server_side_encryption_configuration",
      "S3-002 has no aws_s3_bucket_versioning",
      "S3-003 has no aws_s3_bucket_public_access_block",
      "S3-004 has no aws_s3_bucket_ownership_controls",
      "S3-005 has no aws_s3_bucket_policy",
      "S3-006 has no aws_s3_bucket_logging",
      "S3-007 has no aws_s3_bucket_lifecycle_configuration",
    ]);
  });

  test("fails Resource * for an action that has a narrower resource", () => {
    const doc = compliantStack();
    const policy = JSON.parse(
      doc.resource.aws_iam_role_policy.crawler_policy.policy,
    );
    policy.Statement[2].Action = [
      "glue:GetSecurityConfiguration",
      "glue:GetTable",
    ];
    doc.resource.aws_iam_role_policy.crawler_policy.policy =
      JSON.stringify(policy);
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([
      [
        "IAM-002",
        "aws_iam_role_policy.crawler_policy",
        'policy: statement ReadSecurityConfiguration allows glue:GetTable on Resource "*"',
      ],
    ]);
  });

  test("fails wildcards in a role's inline policy", () => {
    const doc = compliantStack();
    doc.resource.aws_iam_role.crawler_role.inline_policy = [
      {
        name: "inline",
        policy: JSON.stringify({
          Statement: { Effect: "Allow", Action: "*", Resource: "*" },
        }),
      },
    ];
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([
      [
        "IAM-001",
        "aws_iam_role.crawler_role",
        "inline_policy[0]: a statement without Sid allows wildcard actions *",
      ],
      [
        "IAM-002",
        "aws_iam_role.crawler_role",
        'inline_policy[0]: a statement without Sid allows * on Resource "*"',
      ],
    ]);
  });

  test("fails partial wildcard actions and wildcard ARNs in a role policy", () => {
    const doc = withCrawlerStatement({
      Sid: "ReadEverything",
      Effect: "Allow",
      Action: ["s3:Get*", "glue:*Table*", "glue:GetPartitio?"],
      Resource: ["arn:aws:s3:::*", "arn:aws:glue:*:*:*"],
    });
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([
      [
        "IAM-001",
        "aws_iam_role_policy.crawler_policy",
        "policy: statement ReadEverything allows wildcard actions s3:Get*, glue:*Table*, glue:GetPartitio?",
      ],
      [
        "IAM-002",
        "aws_iam_role_policy.crawler_policy",
        "policy: statement ReadEverything allows s3:Get*, glue:*Table*, glue:GetPartitio? on wildcard resources arn:aws:s3:::*, arn:aws:glue:*:*:*",
      ],
    ]);
  });

  test("fails named actions on every table, key or log group of the account", () => {
    const doc = withCrawlerStatement({
      Sid: "TooWide",
      Effect: "Allow",
      Action: ["glue:GetTable", "kms:Decrypt", "logs:PutLogEvents"],
      Resource: [
        "arn:aws:glue:eu-west-1:111111111111:table/*",
        "arn:aws:glue:eu-west-1:111111111111:table/*/users",
        "arn:aws:kms:eu-west-1:*:key/1234",
        "arn:aws:logs:eu-west-1:111111111111:log-group:*:log-stream:*",
        "arn:aws:s3:::*/raw/*",
        "${aws_s3_bucket.data_bucket.arn}/*",
      ],
    });
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([
      [
        "IAM-002",
        "aws_iam_role_policy.crawler_policy",
        "policy: statement TooWide allows glue:GetTable, kms:Decrypt, logs:PutLogEvents on wildcard resources arn:aws:glue:eu-west-1:111111111111:table/*, arn:aws:glue:eu-west-1:111111111111:table/*/users, arn:aws:kms:eu-west-1:*:key/1234, arn:aws:logs:eu-west-1:111111111111:log-group:*:log-stream:*, arn:aws:s3:::*/raw/*",
      ],
    ]);
  });

  test("fails Resource * and a wildcard ARN in one statement with one finding each", () => {
    const doc = withCrawlerStatement({
      Sid: "Both",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: ["*", "arn:aws:s3:::*"],
    });
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([
      [
        "IAM-002",
        "aws_iam_role_policy.crawler_policy",
        'policy: statement Both allows s3:GetObject on Resource "*"',
      ],
      [
        "IAM-002",
        "aws_iam_role_policy.crawler_policy",
        "policy: statement Both allows s3:GetObject on wildcard resources arn:aws:s3:::*",
      ],
    ]);
  });

  test("allows a wildcard ARN for an action AWS authorizes on no narrower resource", () => {
    const doc = withCrawlerStatement({
      Sid: "ListBuckets",
      Effect: "Allow",
      Action: "s3:ListAllMyBuckets",
      Resource: "arn:aws:s3:::*",
    });
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([]);
  });

  test("allows the scoped resources of the crawler policy", () => {
    const doc = withCrawlerStatement({
      Sid: "CrawlerResources",
      Effect: "Allow",
      Action: ["s3:GetObject", "glue:GetTable", "logs:PutLogEvents"],
      Resource: [
        "arn:aws:s3:::fixture-data/raw/users/*",
        "arn:aws:s3:::fixture-data/*",
        "arn:aws:glue:eu-west-1:111111111111:catalog",
        "arn:aws:glue:eu-west-1:111111111111:table/analytics_dev/users",
        "arn:aws:glue:eu-west-1:111111111111:table/analytics_dev/*",
        "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/crawlers*",
        "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/crawlers*:log-stream:*",
        "arn:${data.aws_partition.current.partition}:s3:::fixture-data/raw/*",
      ],
    });
    expect(rows(check(doc, [suppression("S3-006", LOGS)]))).toEqual([]);
  });

  test("tells wildcard actions from named ones", () => {
    expect(
      ["*", "s3:*", "s3:Get*", "glue:*Table*", "s3:GetObjec?", "s*:Get"].map(
        isWildcardAction,
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(isWildcardAction("s3:GetObject")).toBe(false);
  });

  test("tells wildcard resources from scoped ones", () => {
    const wild = [
      "*",
      "arn:*:s3:::bucket",
      "arn:aws:*:eu-west-1:111111111111:catalog",
      "arn:aws:glue:*:111111111111:catalog",
      "arn:aws:glue:eu-west-1:*:catalog",
      "arn:aws:s3:::*",
      "arn:aws:s3:::*/*",
      "arn:aws:glue:eu-west-1:111111111111:*",
      "arn:aws:glue:eu-west-1:111111111111:database/*",
      "arn:aws:glue:eu-west-1:111111111111:tab*/db/users",
      "arn:aws:logs:eu-west-1:111111111111:log-group:*",
      "arn:aws:s3*",
    ];
    const scoped = [
      "arn:aws:s3:::bucket",
      "arn:aws:s3:::bucket/raw/users/*",
      "arn:aws:s3:::bucket-*",
      "arn:aws:glue:eu-west-1:111111111111:table/db/users",
      "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/crawlers*",
      "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/crawlers*:log-stream:*",
      "${aws_kms_key.lake_key.arn}",
      "${aws_s3_bucket.data_bucket.arn}/raw/*",
      "arn:${data.aws_partition.p.partition}:s3:::bucket/*",
    ];
    expect(wild.filter((r) => !isWildcardResource(r))).toEqual([]);
    expect(scoped.filter(isWildcardResource)).toEqual([]);
  });

  test("fails a provider without the required default tags", () => {
    const doc = compliantStack();
    delete doc.provider.aws[0].default_tags[0].tags["managed-by"];
    const tagged = rows(check(doc, [suppression("S3-006", LOGS)]));
    expect(tagged.length).toBeGreaterThan(3);
    expect(tagged).toContainEqual([
      "TAG-001",
      "aws_s3_bucket.data_bucket",
      "lacks the tags managed-by",
    ]);
    expect(tagged.map(([rule]) => rule)).toEqual(tagged.map(() => "TAG-001"));
  });

  test("recognizes the broad managed policies by name", () => {
    expect(isBroadPolicy("arn:aws:iam::aws:policy/AdministratorAccess")).toBe(
      true,
    );
    expect(isBroadPolicy("arn:aws:iam::aws:policy/PowerUserAccess")).toBe(true);
    expect(
      isBroadPolicy("arn:aws:iam::aws:policy/AmazonAthenaFullAccess"),
    ).toBe(true);
    expect(
      isBroadPolicy("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"),
    ).toBe(true);
    expect(
      isBroadPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
    ).toBe(false);
    expect(
      isBroadPolicy("arn:aws:iam::111111111111:policy/TeamFullAccess"),
    ).toBe(false);
  });
});

/** The compliant stack with one more statement in the crawler's role policy. */
function withCrawlerStatement(statement: object): StackJson {
  const doc = compliantStack();
  const policy = JSON.parse(
    doc.resource.aws_iam_role_policy.crawler_policy.policy,
  );
  policy.Statement.push(statement);
  doc.resource.aws_iam_role_policy.crawler_policy.policy =
    JSON.stringify(policy);
  return doc;
}
