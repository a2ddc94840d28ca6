import { GlueCrawler } from "@cdktf/provider-aws/lib/glue-crawler";
import { AnnotationMetadataEntryType, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { CRAWLER_EXCLUSIONS } from "../../lib/crawler";
import { PolicyDocument } from "../../lib/iam";
import { DATASETS, DatasetSpec, datasetPrefix } from "../../lib/layout";
import { CatalogDatabase } from "../../modules/catalog-database";
import {
  CRAWLER_CATALOG_ACTIONS,
  LakeCrawler,
  LakeCrawlerProps,
} from "../../modules/lake-crawler";
import {
  Synthesized,
  asList,
  onlyResource,
  parsePolicy,
  resourcesOf,
  statementOf,
  synthConstructs,
} from "../helpers/synth";

const BUCKET = "analytics-dev-data-111111111111-eu-west-1";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const KEY_ARN = "arn:aws:kms:eu-west-1:111111111111:key/lake";
const GLUE = "arn:aws:glue:eu-west-1:111111111111";
const LOG_GROUPS =
  "arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/crawlers*";

type Options = Partial<Omit<LakeCrawlerProps, "database">>;

/** Adds a LakeCrawler and its database with the given options to a scope. */
function buildCrawler(scope: Construct, options: Options = {}): LakeCrawler {
  const database = new CatalogDatabase(scope, "CatalogDatabase", {
    name: "analytics_dev",
    accountId: "111111111111",
    description: "Tables.",
  });
  return new LakeCrawler(scope, "Crawler", {
    crawlerName: "analytics-dev-raw",
    roleName: "analytics-dev-glue-crawler",
    securityConfigurationName: "analytics-dev-lake",
    database,
    dataBucketName: BUCKET,
    kmsKeyArn: KEY_ARN,
    accountId: "111111111111",
    region: "eu-west-1",
    partition: "aws",
    schedule: "cron(0 3 * * ? *)",
    recrawl: "new-folders-only",
    updateBehavior: "LOG",
    ...options,
  });
}

/** Synthesizes a LakeCrawler and its database with the given options. */
function synthCrawler(options: Options = {}): Synthesized {
  return synthConstructs((scope) => {
    buildCrawler(scope, options);
  });
}

/** The crawler role's inline policy, parsed. */
function inlinePolicy(synthesized: Synthesized): PolicyDocument {
  return parsePolicy(
    onlyResource(synthesized, "aws_iam_role_policy").policy as string,
  );
}

describe("LakeCrawler", () => {
  describe("security configuration", () => {
    test("encrypts logs, bookmarks and S3 output with the lake key", () => {
      const security = onlyResource(
        synthCrawler(),
        "aws_glue_security_configuration",
      );

      expect(security).toEqual({
        name: "analytics-dev-lake",
        encryption_configuration: {
          cloudwatch_encryption: {
            cloudwatch_encryption_mode: "SSE-KMS",
            kms_key_arn: KEY_ARN,
          },
          job_bookmarks_encryption: {
            job_bookmarks_encryption_mode: "CSE-KMS",
            kms_key_arn: KEY_ARN,
          },
          s3_encryption: {
            s3_encryption_mode: "SSE-KMS",
            kms_key_arn: KEY_ARN,
          },
        },
      });
    });

    test("is attached to the crawler", () => {
      const synthesized = synthCrawler();
      const [name] = Object.keys(
        resourcesOf(synthesized, "aws_glue_security_configuration"),
      );

      expect(
        onlyResource(synthesized, "aws_glue_crawler").security_configuration,
      ).toBe(`\${aws_glue_security_configuration.${name}.name}`);
    });
  });

  describe("role", () => {
    test("may be assumed only by Glue on behalf of the account", () => {
      const role = onlyResource(synthCrawler(), "aws_iam_role");

      expect(role.name).toBe("analytics-dev-glue-crawler");
      expect(parsePolicy(role.assume_role_policy).Statement).toEqual([
        {
          Sid: "GlueAssumesRole",
          Effect: "Allow",
          Principal: { Service: "glue.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "111111111111" },
          },
        },
      ]);
    });

    test("has no managed policy attached", () => {
      const synthesized = synthCrawler();

      expect(
        resourcesOf(synthesized, "aws_iam_role_policy_attachment"),
      ).toEqual({});
      expect(
        onlyResource(synthesized, "aws_iam_role").managed_policy_arns,
      ).toBe(undefined);
    });

    test("has an inline policy with no wildcard action and no bare wildcard resource", () => {
      const policy = inlinePolicy(synthCrawler());

      expect(policy.Statement.length).toBeGreaterThan(0);
      for (const statement of policy.Statement) {
        expect(statement.Effect).toBe("Allow");
        for (const action of asList(statement.Action)) {
          expect(action).not.toContain("*");
        }
        const resources = asList(statement.Resource);
        expect(resources.length).toBeGreaterThan(0);
        for (const resource of resources) {
          expect(resource).not.toBe("*");
          expect(resource).toMatch(/^(arn:aws:|\$\{aws_kms_key\.)/);
        }
      }
    });

    test("reads objects only under the dataset prefixes of the layout", () => {
      const statement = statementOf(
        inlinePolicy(synthCrawler()),
        "ReadDatasetObjects",
      );

      expect(statement.Action).toBe("s3:GetObject");
      expect(statement.Resource).toEqual(
        DATASETS.map((d) => `${BUCKET_ARN}/${datasetPrefix(d.name)}*`),
      );
      expect(statement.Resource).toEqual([
        `${BUCKET_ARN}/raw/users/*`,
        `${BUCKET_ARN}/raw/apps/*`,
      ]);
    });

    test("lists the bucket only under the dataset prefixes", () => {
      const statement = statementOf(
        inlinePolicy(synthCrawler()),
        "ListDatasetPrefixes",
      );

      expect(statement).toMatchObject({
        Action: "s3:ListBucket",
        Resource: BUCKET_ARN,
        Condition: {
          StringLike: {
            "s3:prefix": ["raw/users", "raw/users/*", "raw/apps", "raw/apps/*"],
          },
        },
      });
    });

    test("decrypts with the lake key only", () => {
      expect(
        statementOf(inlinePolicy(synthCrawler()), "DecryptLakeObjects"),
      ).toEqual({
        Sid: "DecryptLakeObjects",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: KEY_ARN,
      });
    });

    test("maintains only the dataset tables of its database, and never deletes", () => {
      const statement = statementOf(
        inlinePolicy(synthCrawler()),
        "MaintainDatasetTables",
      );
      const actions = asList(statement.Action);

      expect(actions).toEqual(CRAWLER_CATALOG_ACTIONS);
      expect(actions).toEqual(
        expect.arrayContaining([
          "glue:GetTable",
          "glue:CreateTable",
          "glue:UpdateTable",
          "glue:BatchCreatePartition",
          "glue:CreatePartitionIndex",
        ]),
      );
      expect(actions.filter((a) => /^glue:(Batch)?Delete/.test(a))).toEqual([]);
      expect(statement.Resource).toEqual([
        `${GLUE}:catalog`,
        `${GLUE}:database/analytics_dev`,
        `${GLUE}:table/analytics_dev/users`,
        `${GLUE}:table/analytics_dev/apps`,
      ]);
    });

    test("writes encrypted logs only to the Glue crawler log groups", () => {
      expect(
        statementOf(inlinePolicy(synthCrawler()), "WriteEncryptedCrawlerLogs"),
      ).toEqual({
        Sid: "WriteEncryptedCrawlerLogs",
        Effect: "Allow",
        Action: [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "logs:AssociateKmsKey",
        ],
        Resource: [LOG_GROUPS, `${LOG_GROUPS}:log-stream:*`],
      });
    });

    test("builds ARNs in the partition and region it is given", () => {
      const policy = inlinePolicy(
        synthCrawler({ partition: "aws-us-gov", region: "us-gov-west-1" }),
      );

      expect(statementOf(policy, "ListDatasetPrefixes").Resource).toBe(
        `arn:aws-us-gov:s3:::${BUCKET}`,
      );
      expect(
        asList(statementOf(policy, "MaintainDatasetTables").Resource),
      ).toContain("arn:aws-us-gov:glue:us-gov-west-1:111111111111:catalog");
    });
  });

  describe("crawler", () => {
    test("crawls one S3 target per dataset with the exclusions", () => {
      const crawler = onlyResource(synthCrawler(), "aws_glue_crawler");

      expect(crawler.s3_target).toEqual(
        DATASETS.map((d) => ({
          path: `s3://${BUCKET}/${datasetPrefix(d.name)}`,
          exclusions: [...CRAWLER_EXCLUSIONS],
        })),
      );
      expect(crawler.s3_target.map((t: { path: string }) => t.path)).toEqual([
        `s3://${BUCKET}/raw/users/`,
        `s3://${BUCKET}/raw/apps/`,
      ]);
    });

    test("derives targets, table threshold and table scopes from the datasets given", () => {
      const events: DatasetSpec = {
        name: "events",
        description: "Events.",
        idField: "event_id",
        fields: [],
      };
      const synthesized = synthCrawler({ datasets: [...DATASETS, events] });
      const crawler = onlyResource(synthesized, "aws_glue_crawler");

      expect(crawler.s3_target).toHaveLength(3);
      expect(JSON.parse(crawler.configuration).CrawlerOutput.Tables).toEqual({
        AddOrUpdateBehavior: "MergeNewColumns",
        TableThreshold: 3,
      });
      expect(
        asList(
          statementOf(inlinePolicy(synthesized), "MaintainDatasetTables")
            .Resource,
        ),
      ).toContain(`${GLUE}:table/analytics_dev/events`);
    });

    test("configures one table per dataset folder with partitions inheriting its schema", () => {
      const crawler = onlyResource(synthCrawler(), "aws_glue_crawler");
      const configuration = JSON.parse(crawler.configuration);

      expect(Object.keys(configuration)).toEqual([
        "Version",
        "Grouping",
        "CrawlerOutput",
        "CreatePartitionIndex",
      ]);
      expect(configuration.Version).toBe(1);
      expect(configuration.Grouping).toEqual({
        TableGroupingPolicy: "CombineCompatibleSchemas",
        TableLevelConfiguration: 2,
      });
      expect(configuration.CrawlerOutput.Partitions).toEqual({
        AddOrUpdateBehavior: "InheritFromTable",
      });
      expect(configuration.CrawlerOutput.Tables).toEqual({
        AddOrUpdateBehavior: "MergeNewColumns",
        TableThreshold: DATASETS.length,
      });
      expect(configuration.CreatePartitionIndex).toBe(true);
    });

    test("runs on the configured schedule in the database, as the role", () => {
      const synthesized = synthCrawler({ schedule: "cron(15 4 * * ? *)" });
      const [role] = Object.keys(resourcesOf(synthesized, "aws_iam_role"));
      const [database] = Object.keys(
        resourcesOf(synthesized, "aws_glue_catalog_database"),
      );

      expect(synthesized.text).toHaveResourceWithProperties(GlueCrawler, {
        name: "analytics-dev-raw",
        schedule: "cron(15 4 * * ? *)",
        role: `\${aws_iam_role.${role}.arn}`,
        database_name: `\${aws_glue_catalog_database.${database}.name}`,
      });
    });

    test("starts only after the role's policy exists", () => {
      const synthesized = synthCrawler();
      const [policy] = Object.keys(
        resourcesOf(synthesized, "aws_iam_role_policy"),
      );

      expect(onlyResource(synthesized, "aws_glue_crawler").depends_on).toEqual([
        `aws_iam_role_policy.${policy}`,
      ]);
    });

    test("crawls only new folders and logs schema changes by default settings", () => {
      const crawler = onlyResource(synthCrawler(), "aws_glue_crawler");

      expect(crawler.recrawl_policy).toEqual({
        recrawl_behavior: "CRAWL_NEW_FOLDERS_ONLY",
      });
      expect(crawler.schema_change_policy).toEqual({
        delete_behavior: "LOG",
        update_behavior: "LOG",
      });
    });

    test("recrawls everything and updates tables when configured", () => {
      const crawler = onlyResource(
        synthCrawler({
          recrawl: "everything",
          updateBehavior: "UPDATE_IN_DATABASE",
        }),
        "aws_glue_crawler",
      );

      expect(crawler.recrawl_policy).toEqual({
        recrawl_behavior: "CRAWL_EVERYTHING",
      });
      expect(crawler.schema_change_policy).toEqual({
        delete_behavior: "LOG",
        update_behavior: "UPDATE_IN_DATABASE",
      });
    });
  });
});

describe("LakeCrawler warnings", () => {
  /** Warnings attached to a crawler built with the given recrawl settings. */
  function warningsFor(options: Options): unknown[] {
    const stack = new TerraformStack(Testing.app(), "test");
    return buildCrawler(stack, options)
      .node.metadata.filter(
        (entry) => entry.type === AnnotationMetadataEntryType.WARN,
      )
      .map((entry) => entry.data);
  }

  test("warns when a full recrawl only logs schema changes", () => {
    expect(
      warningsFor({ recrawl: "everything", updateBehavior: "LOG" }),
    ).toEqual([
      "Crawler analytics-dev-raw recrawls everything but only logs schema changes (updateBehavior LOG): new columns never reach the tables. Set crawler.updateBehavior to UPDATE_IN_DATABASE, or recrawl to new-folders-only.",
    ]);
  });

  test.each([
    ["new-folders-only", "LOG"],
    ["everything", "UPDATE_IN_DATABASE"],
  ] as const)(
    "does not warn for recrawl %s with %s",
    (recrawl, updateBehavior) => {
      expect(warningsFor({ recrawl, updateBehavior })).toEqual([]);
    },
  );
});
