import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import {
  ABORT_INCOMPLETE_UPLOAD_DAYS,
  SecureBucket,
  SecureBucketProps,
} from "../../modules/secure-bucket";
import {
  Synthesized,
  onlyResource,
  parsePolicy,
  resourcesOf,
  statementOf,
  synthConstructs,
} from "../helpers/synth";

const NAME = "lake-data-111111111111-eu-west-1";
const ARN = `arn:aws:s3:::${NAME}`;
const KEY_ARN = "arn:aws:kms:eu-west-1:111111111111:key/lake";

/** Synthesizes one SecureBucket with the given props over a minimal set. */
function synthBucket(props: Partial<SecureBucketProps> = {}): Synthesized {
  return synthConstructs((scope) => {
    new SecureBucket(scope, "Bucket", {
      bucketName: NAME,
      accountId: "111111111111",
      partition: "aws",
      lifecycleRules: [],
      ...props,
    });
  });
}

describe("SecureBucket", () => {
  test("creates the named bucket that is never force-destroyed", () => {
    const synthesized = synthBucket();

    expect(synthesized.text).toHaveResourceWithProperties(S3Bucket, {
      bucket: NAME,
      force_destroy: false,
    });
    expect(onlyResource(synthesized, "aws_s3_bucket").lifecycle).toEqual({
      prevent_destroy: false,
    });
  });

  test("lets Terraform refuse to destroy the bucket when asked", () => {
    const bucket = onlyResource(
      synthBucket({ preventDestroy: true }),
      "aws_s3_bucket",
    );

    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(bucket.force_destroy).toBe(false);
  });

  test("sets all four public access block flags", () => {
    const synthesized = synthBucket();

    expect(synthesized.text).toHaveResourceWithProperties(
      S3BucketPublicAccessBlock,
      {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    );
  });

  test("disables ACLs with BucketOwnerEnforced", () => {
    expect(
      onlyResource(synthBucket(), "aws_s3_bucket_ownership_controls").rule,
    ).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("encrypts with the given KMS key and an S3 Bucket Key", () => {
    const encryption = onlyResource(
      synthBucket({ kmsKeyArn: KEY_ARN }),
      "aws_s3_bucket_server_side_encryption_configuration",
    );

    expect(encryption.expected_bucket_owner).toBe("111111111111");
    expect(encryption.rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: "aws:kms",
          kms_master_key_id: KEY_ARN,
        },
        bucket_key_enabled: true,
      },
    ]);
  });

  test("encrypts with AES256 when no key is given", () => {
    const encryption = onlyResource(
      synthBucket(),
      "aws_s3_bucket_server_side_encryption_configuration",
    );

    expect(encryption.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
  });

  test("enables versioning", () => {
    const versioning = onlyResource(synthBucket(), "aws_s3_bucket_versioning");

    expect(versioning.versioning_configuration).toEqual({ status: "Enabled" });
    expect(versioning.expected_bucket_owner).toBe("111111111111");
  });

  test("denies plain HTTP and TLS older than 1.2 on the bucket and its objects", () => {
    const policy = parsePolicy(
      onlyResource(synthBucket(), "aws_s3_bucket_policy").policy,
    );

    expect(policy.Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [ARN, `${ARN}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyOutdatedTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [ARN, `${ARN}/*`],
        Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
      },
    ]);
  });

  test("adds given statements after the TLS-only denials", () => {
    const policy = parsePolicy(
      onlyResource(
        synthBucket({
          policyStatements: [
            {
              Sid: "Extra",
              Effect: "Allow",
              Principal: { Service: "example.amazonaws.com" },
              Action: "s3:GetObject",
              Resource: `${ARN}/x/*`,
            },
          ],
        }),
        "aws_s3_bucket_policy",
      ).policy,
    );

    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "DenyOutdatedTls",
      "Extra",
    ]);
    expect(statementOf(policy, "Extra").Action).toBe("s3:GetObject");
  });

  test("sets the bucket policy only after the public access block", () => {
    const synthesized = synthBucket();
    const [blockName] = Object.keys(
      resourcesOf(synthesized, "aws_s3_bucket_public_access_block"),
    );

    expect(
      onlyResource(synthesized, "aws_s3_bucket_policy").depends_on,
    ).toEqual([`aws_s3_bucket_public_access_block.${blockName}`]);
  });

  test("always aborts incomplete multipart uploads, before the given rules", () => {
    const lifecycle = onlyResource(
      synthBucket({
        lifecycleRules: [
          {
            id: "expire",
            status: "Enabled",
            filter: [{ prefix: "" }],
            expiration: [{ days: 5 }],
          },
        ],
      }),
      "aws_s3_bucket_lifecycle_configuration",
    );

    expect(ABORT_INCOMPLETE_UPLOAD_DAYS).toBe(3);
    expect(lifecycle.rule).toEqual([
      {
        id: "abort-incomplete-multipart-uploads",
        status: "Enabled",
        filter: [{ prefix: "" }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 3 }],
      },
      {
        id: "expire",
        status: "Enabled",
        filter: [{ prefix: "" }],
        expiration: [{ days: 5 }],
      },
    ]);
    expect(lifecycle.expected_bucket_owner).toBe("111111111111");
  });

  test("applies lifecycle rules only after versioning is enabled", () => {
    const synthesized = synthBucket();
    const [versioning] = Object.keys(
      resourcesOf(synthesized, "aws_s3_bucket_versioning"),
    );

    expect(
      onlyResource(synthesized, "aws_s3_bucket_lifecycle_configuration")
        .depends_on,
    ).toEqual([`aws_s3_bucket_versioning.${versioning}`]);
  });

  test("delivers access logs to the given bucket and prefix, partitioned by date, once that bucket accepts them", () => {
    const synthesized = synthConstructs((scope) => {
      const logs = new SecureBucket(scope, "Logs", {
        bucketName: "logs-bucket",
        accountId: "111111111111",
        partition: "aws",
        lifecycleRules: [],
      });
      new SecureBucket(scope, "Bucket", {
        bucketName: NAME,
        accountId: "111111111111",
        partition: "aws",
        lifecycleRules: [],
        accessLogs: { bucket: logs, prefix: "s3/x/" },
      });
    });
    const logging = onlyResource(synthesized, "aws_s3_bucket_logging");
    const [logsBucket] = Object.entries(
      resourcesOf(synthesized, "aws_s3_bucket"),
    ).find(([, body]) => body.bucket === "logs-bucket")!;
    const [logsPolicy] = Object.entries(
      resourcesOf(synthesized, "aws_s3_bucket_policy"),
    ).find(([, body]) => String(body.bucket).includes(logsBucket))!;

    expect(logging).toMatchObject({
      target_bucket: `\${aws_s3_bucket.${logsBucket}.bucket}`,
      target_prefix: "s3/x/",
      expected_bucket_owner: "111111111111",
      target_object_key_format: {
        partitioned_prefix: { partition_date_source: "EventTime" },
      },
    });
    expect(logging.depends_on).toEqual([`aws_s3_bucket_policy.${logsPolicy}`]);
  });

  test("has no access logging when no target is given", () => {
    expect(resourcesOf(synthBucket(), "aws_s3_bucket_logging")).toEqual({});
  });
});
