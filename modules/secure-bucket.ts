import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { PolicyStatement, bucketArn, policyJson } from "../lib/iam";

/** Days after which S3 aborts multipart uploads that were never completed. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 3;

/** Where a bucket delivers its server access logs. */
export interface AccessLogTarget {
  /** The access-logs bucket. */
  readonly bucket: SecureBucket;
  /** Key prefix of this bucket's logs in the access-logs bucket, ending in `/`. */
  readonly prefix: string;
}

/** Properties of a SecureBucket. */
export interface SecureBucketProps {
  /** Globally unique bucket name, already checked against the S3 naming rules. */
  readonly bucketName: string;
  /** Account that must own the bucket; sent as the expected bucket owner. */
  readonly accountId: string;
  /** AWS partition of the bucket's region, for ARNs. */
  readonly partition: string;
  /**
   * ARN of the KMS key for SSE-KMS with S3 Bucket Keys.
   * @default SSE-S3 (AES256), for buckets AWS services cannot write to with SSE-KMS
   */
  readonly kmsKeyArn?: string;
  /**
   * Where to deliver server access logs.
   * @default no access logging, for the access-logs bucket itself
   */
  readonly accessLogs?: AccessLogTarget;
  /** Lifecycle rules besides the one that aborts incomplete multipart uploads. */
  readonly lifecycleRules: readonly S3BucketLifecycleConfigurationRule[];
  /**
   * Statements added to the bucket policy after the TLS-only denials.
   * @default none
   */
  readonly policyStatements?: readonly PolicyStatement[];
  /**
   * Whether Terraform refuses to destroy the bucket.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * An S3 bucket that is private, encrypted, versioned and TLS-only: all four
 * public access block flags, ACLs disabled (`BucketOwnerEnforced`), default
 * encryption, a bucket policy denying plain HTTP and old TLS, and lifecycle
 * rules that always abort incomplete multipart uploads.
 */
export class SecureBucket extends Construct {
  /** The bucket resource. */
  readonly bucket: S3Bucket;
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket, known at synth time. */
  readonly bucketArn: string;
  /** The bucket policy resource. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);

    this.bucketName = props.bucketName;
    this.bucketArn = bucketArn(props.partition, props.bucketName);
    const owner = props.accountId;

    this.bucket = new S3Bucket(this, "Resource", {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: props.preventDestroy ?? false },
    });
    const bucket = this.bucket.id;

    const publicAccessBlock = new S3BucketPublicAccessBlock(
      this,
      "PublicAccessBlock",
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    );

    new S3BucketOwnershipControls(this, "Ownership", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });

    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket,
      expectedBucketOwner: owner,
      rule: [
        props.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: props.kmsKeyArn,
              },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });

    const versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket,
      expectedBucketOwner: owner,
      versioningConfiguration: { status: "Enabled" },
    });

    if (props.accessLogs) {
      new S3BucketLoggingA(this, "AccessLogging", {
        bucket,
        expectedBucketOwner: owner,
        // A reference, so the target exists and accepts logs first.
        targetBucket: props.accessLogs.bucket.bucket.bucket,
        targetPrefix: props.accessLogs.prefix,
        // Date-partitioned keys let Athena read the logs by day.
        targetObjectKeyFormat: {
          partitionedPrefix: { partitionDateSource: "EventTime" },
        },
        dependsOn: [props.accessLogs.bucket.policy],
      });
    }

    // Lifecycle rules on a versioned bucket must wait for versioning.
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket,
      expectedBucketOwner: owner,
      rule: [abortIncompleteUploads(), ...props.lifecycleRules],
      dependsOn: [versioning],
    });

    // PutBucketPolicy fails while the public access block is still being set.
    this.policy = new S3BucketPolicy(this, "Policy", {
      bucket,
      policy: policyJson([
        ...tlsOnlyStatements(this.bucketArn),
        ...(props.policyStatements ?? []),
      ]),
      dependsOn: [publicAccessBlock],
    });
  }
}

function abortIncompleteUploads(): S3BucketLifecycleConfigurationRule {
  return {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: [{ prefix: "" }],
    abortIncompleteMultipartUpload: [
      { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
    ],
  };
}

function tlsOnlyStatements(arn: string): PolicyStatement[] {
  const resources = [arn, `${arn}/*`];
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOutdatedTls",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    },
  ];
}
