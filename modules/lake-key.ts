import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { policyJson } from "../lib/iam";
import { dnsSuffix } from "../lib/naming";

/** Days KMS waits before deleting a key scheduled for deletion. */
export const KEY_DELETION_WINDOW_DAYS = 30;

/** Properties of the LakeKey. */
export interface LakeKeyProps {
  /** Alias of the key, starting with `alias/`. */
  readonly alias: string;
  /** Account that owns and administers the key. */
  readonly accountId: string;
  /** Region of the key; CloudWatch Logs of this region may use it. */
  readonly region: string;
  /** AWS partition of the region, for ARNs. */
  readonly partition: string;
  /** Key description shown in the KMS console. */
  readonly description: string;
}

/**
 * The customer managed KMS key that encrypts the lake: the data and results
 * buckets, Athena results, and the crawler's logs and bookmarks. Rotation is
 * on and Terraform refuses to destroy it, since losing it loses the data.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export class LakeKey extends Construct {
  /** The key resource. */
  readonly key: KmsKey;
  /** The key's alias, with its `alias/` prefix. */
  readonly alias: string;

  constructor(scope: Construct, id: string, props: LakeKeyProps) {
    super(scope, id);

    const { accountId, region, partition } = props;
    const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:/aws-glue/*`;

    this.key = new KmsKey(this, "Resource", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      policy: policyJson([
        {
          // Without this the key could become unmanageable; IAM policies
          // of the account then decide who may use it.
          Sid: "AccountAdministersKey",
          Effect: "Allow",
          Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchLogsEncryptsGlueLogs",
          Effect: "Allow",
          Principal: { Service: `logs.${region}.${dnsSuffix(partition)}` },
          Action: [
            "kms:Encrypt*",
            "kms:Decrypt*",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:Describe*",
          ],
          Resource: "*",
          Condition: {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroups },
          },
        },
      ]),
      lifecycle: { preventDestroy: true },
    });
    this.alias = props.alias;

    new KmsAlias(this, "Alias", {
      name: props.alias,
      targetKeyId: this.key.keyId,
    });
  }
}
