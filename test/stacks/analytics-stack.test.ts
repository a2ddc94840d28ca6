import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Testing } from "cdktf";
import { PlatformError } from "../../lib/errors";
import { loadSettings } from "../../lib/settings";
import { AnalyticsStack, MANAGED_BY } from "../../stacks/analytics-stack";
import { DEV_ACCOUNT, settingsFor } from "../helpers/settings";
import {
  Synthesized,
  allStrings,
  asList,
  parsePolicy,
  resourceNamed,
  resourcesOf,
  statementOf,
  synthStack,
} from "../helpers/synth";

const DATA = "analytics-dev-data-111111111111-eu-west-1";
const RESULTS = "analytics-dev-results-111111111111-eu-west-1";
const LOGS = "analytics-dev-logs-111111111111-eu-west-1";
const KEY_ARN = "${aws_kms_key.lake_key.arn}";

/** The dev stack with storage days that differ from every default. */
function synthDev(overrides: Record<string, unknown> = {}): Synthesized {
  return synthStack(
    settingsFor({
      tags: { team: "data-platform" },
      storage: {
        noncurrentVersionRetentionDays: 45,
        rawIntelligentTieringDays: 10,
        resultsExpiryDays: 3,
        accessLogRetentionDays: 120,
      },
      crawler: { schedule: "cron(30 1 * * ? *)" },
      athena: { bytesScannedCutoff: 50_000_000 },
      ...overrides,
    }),
  );
}

/** The rules of one bucket's lifecycle configuration. */
function lifecycleRules(synthesized: Synthesized, bucket: string) {
  return resourceNamed(
    synthesized,
    "aws_s3_bucket_lifecycle_configuration",
    `${bucket}_lifecycle`,
  ).rule;
}

const ABORT_RULE = {
  id: "abort-incomplete-multipart-uploads",
  status: "Enabled",
  filter: [{ prefix: "" }],
  abort_incomplete_multipart_upload: [{ days_after_initiation: 3 }],
};

describe("AnalyticsStack", () => {
  describe("provider", () => {
    test("pins the region and account and tags every resource", () => {
      const synthesized = synthDev({ region: "eu-central-1" });

      expect(MANAGED_BY).toBe("cdktf");
      expect(synthesized.text).toHaveProviderWithProperties(AwsProvider, {
        region: "eu-central-1",
        allowed_account_ids: [DEV_ACCOUNT],
      });
      expect(synthesized.json.provider.aws).toHaveLength(1);
      expect(synthesized.json.provider.aws[0].default_tags).toEqual([
        {
          tags: {
            project: "analytics",
            environment: "dev",
            "managed-by": "cdktf",
            team: "data-platform",
          },
        },
      ]);
    });
  });

  describe("backend", () => {
    test("keeps local state at the repository root under a relative path", () => {
      const { json } = synthDev();

      expect(json.terraform.backend).toEqual({
        local: { path: "../../../terraform.analytics-dev.tfstate" },
      });
    });

    test("uses a configured relative local path", () => {
      const { json } = synthDev({
        backend: { type: "local", path: "state/dev.tfstate" },
      });

      expect(json.terraform.backend.local.path).toBe(
        "../../../state/dev.tfstate",
      );
    });

    test("writes no absolute path anywhere", () => {
      const { json, text } = synthDev();

      expect(text).not.toContain(process.cwd());
      expect(allStrings(json).filter((s) => s.startsWith("/"))).toEqual([]);
    });

    test("stores s3 state encrypted with S3-native locking under a default key", () => {
      const { json } = synthDev({
        backend: { type: "s3", bucket: "tf-state-bucket" },
      });

      expect(json.terraform.backend).toEqual({
        s3: {
          bucket: "tf-state-bucket",
          key: "analytics-dev/terraform.tfstate",
          region: "eu-west-1",
          encrypt: true,
          use_lockfile: true,
        },
      });
    });

    test("uses the configured key, region and KMS key of an s3 backend", () => {
      const { json } = synthDev({
        backend: {
          type: "s3",
          bucket: "tf-state-bucket",
          key: "custom/dev.tfstate",
          region: "us-east-1",
          kmsKeyId: "alias/state",
        },
      });

      expect(json.terraform.backend.s3).toMatchObject({
        key: "custom/dev.tfstate",
        region: "us-east-1",
        kms_key_id: "alias/state",
        encrypt: true,
        use_lockfile: true,
      });
    });

    test("uses the stack name as the default HCP Terraform workspace", () => {
      const { json } = synthDev({
        backend: { type: "cloud", organization: "example-analytics" },
      });

      expect(json.terraform.backend).toBeUndefined();
      expect(json.terraform.cloud).toEqual({
        organization: "example-analytics",
        hostname: "app.terraform.io",
        workspaces: { name: "analytics-dev" },
      });
    });

    test("uses a configured workspace and hostname, and writes no token", () => {
      const { json, text } = synthDev({
        backend: {
          type: "cloud",
          organization: "example-analytics",
          hostname: "tfe.example.com",
          workspace: "lake-dev",
        },
      });

      expect(json.terraform.cloud).toEqual({
        organization: "example-analytics",
        hostname: "tfe.example.com",
        workspaces: { name: "lake-dev" },
      });
      expect(text).not.toMatch(/token/i);
    });

    test("synthesizes the shipped prod settings with the cloud backend", () => {
      const { json } = synthStack(loadSettings(), "prod");

      expect(json.terraform.cloud).toEqual({
        organization: "example-analytics",
        hostname: "app.terraform.io",
        workspaces: { name: "analytics-prod" },
      });
    });
  });

  describe("lake key", () => {
    test("is a rotated key that Terraform refuses to destroy, with its alias", () => {
      const synthesized = synthDev();
      const key = resourceNamed(synthesized, "aws_kms_key", "lake_key");

      expect(key).toMatchObject({
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        lifecycle: { prevent_destroy: true },
      });
      expect(
        resourceNamed(synthesized, "aws_kms_alias", "lake_key_alias").name,
      ).toBe("alias/analytics-dev-lake");
      const policy = parsePolicy(key.policy);
      expect(statementOf(policy, "AccountAdministersKey").Principal).toEqual({
        AWS: "arn:aws:iam::111111111111:root",
      });
      expect(
        statementOf(policy, "CloudWatchLogsEncryptsGlueLogs").Condition,
      ).toEqual({
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn":
            "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/*",
        },
      });
    });
  });

  describe("buckets", () => {
    test.each([
      ["data_bucket", DATA, true],
      ["results_bucket", RESULTS, false],
      ["access_logs_bucket", LOGS, false],
    ])(
      "creates %s as %s, never force-destroyed",
      (id, name, preventDestroy) => {
        expect(resourceNamed(synthDev(), "aws_s3_bucket", id)).toEqual({
          bucket: name,
          force_destroy: false,
          lifecycle: { prevent_destroy: preventDestroy },
        });
      },
    );

    test("makes every bucket private, owner-enforced, versioned and TLS-only", () => {
      const synthesized = synthDev();
      const buckets: [string, string][] = [
        ["data_bucket", DATA],
        ["results_bucket", RESULTS],
        ["access_logs_bucket", LOGS],
      ];

      for (const [id, name] of buckets) {
        const ref = `\${aws_s3_bucket.${id}.id}`;
        expect(
          resourceNamed(
            synthesized,
            "aws_s3_bucket_public_access_block",
            `${id}_public_access_block`,
          ),
        ).toEqual({
          bucket: ref,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        });
        expect(
          resourceNamed(
            synthesized,
            "aws_s3_bucket_ownership_controls",
            `${id}_ownership`,
          ).rule,
        ).toEqual({ object_ownership: "BucketOwnerEnforced" });
        expect(
          resourceNamed(
            synthesized,
            "aws_s3_bucket_versioning",
            `${id}_versioning`,
          ).versioning_configuration,
        ).toEqual({ status: "Enabled" });

        const policy = parsePolicy(
          resourceNamed(synthesized, "aws_s3_bucket_policy", `${id}_policy`)
            .policy,
        );
        const arn = `arn:aws:s3:::${name}`;
        expect(statementOf(policy, "DenyInsecureTransport")).toMatchObject({
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [arn, `${arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        expect(statementOf(policy, "DenyOutdatedTls")).toMatchObject({
          Effect: "Deny",
          Resource: [arn, `${arn}/*`],
          Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        });
      }
    });

    test.each(["data_bucket", "results_bucket"])(
      "encrypts %s with the lake key and an S3 Bucket Key",
      (id) => {
        expect(
          resourceNamed(
            synthDev(),
            "aws_s3_bucket_server_side_encryption_configuration",
            `${id}_encryption`,
          ).rule,
        ).toEqual([
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: "aws:kms",
              kms_master_key_id: KEY_ARN,
            },
            bucket_key_enabled: true,
          },
        ]);
      },
    );

    test("encrypts the access-logs bucket with AES256, which log delivery supports", () => {
      expect(
        resourceNamed(
          synthDev(),
          "aws_s3_bucket_server_side_encryption_configuration",
          "access_logs_bucket_encryption",
        ).rule,
      ).toEqual([
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "AES256" },
        },
      ]);
    });

    test("logs access to the data and results buckets under their own prefixes", () => {
      const synthesized = synthDev();
      const logging = resourcesOf(synthesized, "aws_s3_bucket_logging");

      expect(Object.keys(logging).sort()).toEqual([
        "data_bucket_access_logging",
        "results_bucket_access_logging",
      ]);
      expect(logging.data_bucket_access_logging).toMatchObject({
        bucket: "${aws_s3_bucket.data_bucket.id}",
        target_bucket: "${aws_s3_bucket.access_logs_bucket.bucket}",
        target_prefix: `s3/${DATA}/`,
      });
      expect(logging.results_bucket_access_logging).toMatchObject({
        bucket: "${aws_s3_bucket.results_bucket.id}",
        target_bucket: "${aws_s3_bucket.access_logs_bucket.bucket}",
        target_prefix: `s3/${RESULTS}/`,
      });
    });

    test("lets S3 log delivery write to the logs bucket only for this account's buckets", () => {
      const policy = parsePolicy(
        resourceNamed(
          synthDev(),
          "aws_s3_bucket_policy",
          "access_logs_bucket_policy",
        ).policy,
      );

      expect(policy.Statement).toHaveLength(3);
      expect(statementOf(policy, "S3ServerAccessLogsDelivery")).toEqual({
        Sid: "S3ServerAccessLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${LOGS}/s3/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": DEV_ACCOUNT },
          ArnLike: {
            "aws:SourceArn": [
              `arn:aws:s3:::${DATA}`,
              `arn:aws:s3:::${RESULTS}`,
            ],
          },
        },
      });
    });

    test("gives the data and results buckets only the TLS-only statements", () => {
      const synthesized = synthDev();

      for (const id of ["data_bucket", "results_bucket"]) {
        const policy = parsePolicy(
          resourceNamed(synthesized, "aws_s3_bucket_policy", `${id}_policy`)
            .policy,
        );
        expect(policy.Statement.map((s) => s.Sid)).toEqual([
          "DenyInsecureTransport",
          "DenyOutdatedTls",
        ]);
      }
    });

    test("expires noncurrent data and lone delete markers and tiers raw data after the configured days", () => {
      expect(lifecycleRules(synthDev(), "data_bucket")).toEqual([
        ABORT_RULE,
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ expired_object_delete_marker: true }],
          noncurrent_version_expiration: [{ noncurrent_days: 45 }],
        },
        {
          id: "raw-to-intelligent-tiering",
          status: "Enabled",
          filter: [{ prefix: "raw/" }],
          transition: [{ days: 10, storage_class: "INTELLIGENT_TIERING" }],
        },
      ]);
    });

    test("expires query results after the configured days", () => {
      expect(lifecycleRules(synthDev(), "results_bucket")).toEqual([
        ABORT_RULE,
        {
          id: "expire-query-results",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: 3 }],
          noncurrent_version_expiration: [{ noncurrent_days: 1 }],
        },
      ]);
    });

    test("expires access logs after the configured days", () => {
      expect(lifecycleRules(synthDev(), "access_logs_bucket")).toEqual([
        ABORT_RULE,
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: 120 }],
          noncurrent_version_expiration: [{ noncurrent_days: 1 }],
        },
      ]);
    });
  });

  describe("Glue", () => {
    test("creates the database in the account's catalog, kept from destruction", () => {
      const database = resourceNamed(
        synthDev(),
        "aws_glue_catalog_database",
        "catalog_database",
      );

      expect(database).toEqual({
        name: "analytics_dev",
        catalog_id: DEV_ACCOUNT,
        description:
          "Tables of the dev lake, one per dataset (users, apps), partitioned by dt; kept by the crawler analytics-dev-raw.",
        lifecycle: { prevent_destroy: true },
      });
    });

    test("crawls the data bucket on the configured schedule with the lake key", () => {
      const synthesized = synthDev();
      const crawler = resourceNamed(synthesized, "aws_glue_crawler", "crawler");

      expect(crawler).toMatchObject({
        name: "analytics-dev-raw",
        schedule: "cron(30 1 * * ? *)",
        database_name: "${aws_glue_catalog_database.catalog_database.name}",
        role: "${aws_iam_role.crawler_role.arn}",
        security_configuration:
          "${aws_glue_security_configuration.crawler_security_configuration.name}",
      });
      expect(crawler.s3_target.map((t: { path: string }) => t.path)).toEqual([
        `s3://${DATA}/raw/users/`,
        `s3://${DATA}/raw/apps/`,
      ]);
      const security = resourceNamed(
        synthesized,
        "aws_glue_security_configuration",
        "crawler_security_configuration",
      );
      expect(security.name).toBe("analytics-dev-lake");
      expect(security.encryption_configuration.s3_encryption.kms_key_arn).toBe(
        KEY_ARN,
      );
    });

    test("carries the recrawl mode and schema change behavior from the settings", () => {
      const crawler = resourceNamed(
        synthDev({
          crawler: {
            recrawl: "everything",
            updateBehavior: "UPDATE_IN_DATABASE",
          },
        }),
        "aws_glue_crawler",
        "crawler",
      );

      expect(crawler.recrawl_policy).toEqual({
        recrawl_behavior: "CRAWL_EVERYTHING",
      });
      expect(crawler.schema_change_policy.update_behavior).toBe(
        "UPDATE_IN_DATABASE",
      );
    });

    test("scopes the crawler role to the data bucket, the lake key and its database", () => {
      const synthesized = synthDev();
      const role = resourceNamed(synthesized, "aws_iam_role", "crawler_role");
      const policy = parsePolicy(
        resourceNamed(synthesized, "aws_iam_role_policy", "crawler_policy")
          .policy,
      );

      expect(role.name).toBe("analytics-dev-glue-crawler");
      expect(
        parsePolicy(role.assume_role_policy).Statement[0].Condition,
      ).toEqual({ StringEquals: { "aws:SourceAccount": DEV_ACCOUNT } });
      expect(statementOf(policy, "ReadDatasetObjects").Resource).toEqual([
        `arn:aws:s3:::${DATA}/raw/users/*`,
        `arn:aws:s3:::${DATA}/raw/apps/*`,
      ]);
      expect(statementOf(policy, "DecryptLakeObjects").Resource).toBe(KEY_ARN);
      expect(
        asList(statementOf(policy, "MaintainDatasetTables").Resource),
      ).toContain("arn:aws:glue:eu-west-1:111111111111:database/analytics_dev");
    });

    test("attaches no managed policy anywhere in the stack", () => {
      const synthesized = synthDev();

      for (const type of [
        "aws_iam_role_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_role_policy_attachments_exclusive",
        "aws_iam_policy",
      ]) {
        expect(resourcesOf(synthesized, type)).toEqual({});
      }
      for (const role of Object.values(
        resourcesOf(synthesized, "aws_iam_role"),
      )) {
        expect(role.managed_policy_arns).toBeUndefined();
      }
      expect(synthesized.text).not.toContain("arn:aws:iam::aws:policy");
    });
  });

  describe("Athena", () => {
    test("enforces the workgroup's encrypted results location and cutoff", () => {
      const workgroup = resourceNamed(
        synthDev(),
        "aws_athena_workgroup",
        "workgroup",
      );

      expect(workgroup.name).toBe("analytics-dev");
      expect(workgroup.force_destroy).toBe(false);
      expect(workgroup.configuration).toEqual({
        enforce_workgroup_configuration: true,
        publish_cloudwatch_metrics_enabled: true,
        bytes_scanned_cutoff_per_query: 50_000_000,
        engine_version: { selected_engine_version: "Athena engine version 3" },
        result_configuration: {
          output_location: `s3://${RESULTS}/athena/`,
          expected_bucket_owner: DEV_ACCOUNT,
          encryption_configuration: {
            encryption_option: "SSE_KMS",
            kms_key_arn: KEY_ARN,
          },
        },
      });
    });
  });

  describe("outputs", () => {
    test("exposes the names operators and the CLI need", () => {
      const { json } = synthDev();
      const values = Object.fromEntries(
        Object.entries(json.output).map(([name, output]) => [
          name,
          (output as { value: string }).value,
        ]),
      );

      expect(values).toEqual({
        data_bucket_name: DATA,
        results_bucket_name: RESULTS,
        access_logs_bucket_name: LOGS,
        database_name: "analytics_dev",
        crawler_name: "analytics-dev-raw",
        workgroup_name: "analytics-dev",
        lake_key_arn: KEY_ARN,
      });
      for (const output of Object.values(json.output)) {
        expect((output as { description: string }).description).not.toBe("");
      }
    });
  });

  test("fails for an environment the settings do not define", () => {
    expect(() => synthStack(settingsFor(), "qa")).toThrow(
      'has no environment "qa"; use one of dev, prod',
    );
  });
});

describe("Terraform names", () => {
  test("fails when two construct paths map to one Terraform name", () => {
    const stack = new AnalyticsStack(Testing.app(), "analytics-dev", {
      settings: settingsFor(),
      environment: "dev",
    });

    expect(() => {
      new S3Bucket(stack, "data_bucket", { bucket: "another-bucket" });
      Testing.synth(stack);
    }).toThrow(
      new PlatformError(
        "Constructs analytics-dev/DataBucket/Resource and analytics-dev/data_bucket would both get the Terraform name data_bucket; rename one of their ids.",
      ),
    );
  });
});
