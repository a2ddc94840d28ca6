import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KEY_DELETION_WINDOW_DAYS, LakeKey } from "../../modules/lake-key";
import {
  Synthesized,
  onlyResource,
  parsePolicy,
  resourcesOf,
  statementOf,
  synthConstructs,
} from "../helpers/synth";

/** Synthesizes the LakeKey of one region and partition. */
function synthKey(region = "eu-west-1", partition = "aws"): Synthesized {
  return synthConstructs((scope) => {
    new LakeKey(scope, "LakeKey", {
      alias: "alias/analytics-dev-lake",
      accountId: "111111111111",
      region,
      partition,
      description: "Encrypts the lake.",
    });
  });
}

describe("LakeKey", () => {
  test("rotates the key and waits 30 days before deleting it", () => {
    const synthesized = synthKey();

    expect(KEY_DELETION_WINDOW_DAYS).toBe(30);
    expect(synthesized.text).toHaveResourceWithProperties(KmsKey, {
      description: "Encrypts the lake.",
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
  });

  test("lets Terraform refuse to destroy the key", () => {
    expect(onlyResource(synthKey(), "aws_kms_key").lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  test("names the key with its alias", () => {
    const synthesized = synthKey();
    const [keyName] = Object.keys(resourcesOf(synthesized, "aws_kms_key"));

    expect(onlyResource(synthesized, "aws_kms_alias")).toEqual({
      name: "alias/analytics-dev-lake",
      target_key_id: `\${aws_kms_key.${keyName}.key_id}`,
    });
  });

  test("lets the account root administer the key", () => {
    const policy = parsePolicy(onlyResource(synthKey(), "aws_kms_key").policy);

    expect(statementOf(policy, "AccountAdministersKey")).toEqual({
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:root" },
      Action: "kms:*",
      Resource: "*",
    });
    expect(policy.Statement).toHaveLength(2);
  });

  test("lets CloudWatch Logs of the region use the key for Glue log groups only", () => {
    const policy = parsePolicy(onlyResource(synthKey(), "aws_kms_key").policy);

    expect(statementOf(policy, "CloudWatchLogsEncryptsGlueLogs")).toEqual({
      Sid: "CloudWatchLogsEncryptsGlueLogs",
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Action: [
        "kms:Encrypt*",
        "kms:Decrypt*",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Describe*",
      ],
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn":
            "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/*",
        },
      },
    });
  });

  test("builds ARNs and the Logs principal in the partition of the region", () => {
    const policy = parsePolicy(
      onlyResource(synthKey("cn-north-1", "aws-cn"), "aws_kms_key").policy,
    );

    expect(statementOf(policy, "AccountAdministersKey").Principal).toEqual({
      AWS: "arn:aws-cn:iam::111111111111:root",
    });
    expect(
      statementOf(policy, "CloudWatchLogsEncryptsGlueLogs").Condition,
    ).toEqual({
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn":
          "arn:aws-cn:logs:cn-north-1:111111111111:log-group:/aws-glue/*",
      },
    });
    expect(
      statementOf(policy, "CloudWatchLogsEncryptsGlueLogs").Principal,
    ).toEqual({ Service: "logs.cn-north-1.amazonaws.com.cn" });
  });
});
