import { GlueCrawler } from "@cdktf/provider-aws/lib/glue-crawler";
import { GlueSecurityConfiguration } from "@cdktf/provider-aws/lib/glue-security-configuration";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import {
  CRAWLER_EXCLUSIONS,
  RECRAWL_BEHAVIOR,
  RecrawlMode,
  crawlerConfiguration,
  crawlerTargetPath,
} from "../lib/crawler";
import { PolicyStatement, bucketArn, policyJson } from "../lib/iam";
import { DATASETS, DatasetSpec, datasetPrefix } from "../lib/layout";
import { CatalogDatabase } from "./catalog-database";

/** Glue Data Catalog actions a crawl needs; none of them deletes. */
export const CRAWLER_CATALOG_ACTIONS: readonly string[] = [
  "glue:GetDatabase",
  "glue:GetTable",
  "glue:GetTables",
  "glue:CreateTable",
  "glue:UpdateTable",
  "glue:GetPartition",
  "glue:GetPartitions",
  "glue:BatchGetPartition",
  "glue:CreatePartition",
  "glue:BatchCreatePartition",
  "glue:UpdatePartition",
  "glue:BatchUpdatePartition",
  "glue:CreatePartitionIndex",
  "glue:GetPartitionIndexes",
];

/** Properties of the LakeCrawler. */
export interface LakeCrawlerProps {
  /** Crawler name. */
  readonly crawlerName: string;
  /** Name of the IAM role the crawler assumes. */
  readonly roleName: string;
  /** Name of the Glue security configuration. */
  readonly securityConfigurationName: string;
  /** Catalog database the crawler writes tables to. */
  readonly database: CatalogDatabase;
  /** Data bucket holding the raw zone. */
  readonly dataBucketName: string;
  /** ARN of the lake key: decrypts the data, encrypts logs and bookmarks. */
  readonly kmsKeyArn: string;
  /** Account of the Data Catalog; the only account that may pass the role. */
  readonly accountId: string;
  /** Region of the crawler, its catalog and its logs. */
  readonly region: string;
  /** AWS partition of the region, for ARNs. */
  readonly partition: string;
  /** AWS cron expression, already validated. */
  readonly schedule: string;
  /** Which folders each run crawls. */
  readonly recrawl: RecrawlMode;
  /** What a crawl does when a table's schema changed. */
  readonly updateBehavior: "LOG" | "UPDATE_IN_DATABASE";
  /**
   * Datasets to crawl, one S3 target and one table each.
   * @default the datasets of the layout contract
   */
  readonly datasets?: readonly DatasetSpec[];
}

/**
 * The scheduled Glue crawler that keeps one table per dataset, partitioned by
 * `dt`, with a role that can read only the dataset prefixes and write only
 * those tables, and a security configuration encrypting what the crawler
 * writes with the lake key.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/crawler-configuration.html
 */
export class LakeCrawler extends Construct {
  /** The crawler resource. */
  readonly crawler: GlueCrawler;
  /** The role the crawler assumes. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: LakeCrawlerProps) {
    super(scope, id);

    const datasets = props.datasets ?? DATASETS;
    if (props.recrawl === "everything" && props.updateBehavior === "LOG") {
      Annotations.of(this).addWarning(
        `Crawler ${props.crawlerName} recrawls everything but only logs schema changes (updateBehavior LOG): new columns never reach the tables. Set crawler.updateBehavior to UPDATE_IN_DATABASE, or recrawl to new-folders-only.`,
      );
    }

    const security = new GlueSecurityConfiguration(
      this,
      "SecurityConfiguration",
      {
        name: props.securityConfigurationName,
        encryptionConfiguration: {
          cloudwatchEncryption: {
            cloudwatchEncryptionMode: "SSE-KMS",
            kmsKeyArn: props.kmsKeyArn,
          },
          jobBookmarksEncryption: {
            jobBookmarksEncryptionMode: "CSE-KMS",
            kmsKeyArn: props.kmsKeyArn,
          },
          s3Encryption: {
            s3EncryptionMode: "SSE-KMS",
            kmsKeyArn: props.kmsKeyArn,
          },
        },
      },
    );

    this.role = new IamRole(this, "Role", {
      name: props.roleName,
      description: `Assumed by the Glue crawler ${props.crawlerName}.`,
      assumeRolePolicy: policyJson([
        {
          Sid: "GlueAssumesRole",
          Effect: "Allow",
          Principal: { Service: "glue.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
        },
      ]),
    });

    const policy = new IamRolePolicy(this, "Policy", {
      name: "crawl-raw-zone",
      role: this.role.name,
      policy: policyJson(crawlerStatements(props, datasets)),
    });

    this.crawler = new GlueCrawler(this, "Resource", {
      name: props.crawlerName,
      description: `Discovers the schema of ${datasets.map((d) => d.name).join(", ")} and adds their daily partitions.`,
      role: this.role.arn,
      // A reference, not the plain name, so the database is created first.
      databaseName: props.database.database.name,
      schedule: props.schedule,
      securityConfiguration: security.name,
      s3Target: datasets.map((dataset) => ({
        path: crawlerTargetPath(props.dataBucketName, dataset),
        exclusions: [...CRAWLER_EXCLUSIONS],
      })),
      configuration: JSON.stringify(crawlerConfiguration(datasets)),
      recrawlPolicy: { recrawlBehavior: RECRAWL_BEHAVIOR[props.recrawl] },
      schemaChangePolicy: {
        deleteBehavior: "LOG",
        updateBehavior: props.updateBehavior,
      },
      // A scheduled run must not start before the role may read the data.
      dependsOn: [policy],
    });
  }
}

function crawlerStatements(
  props: LakeCrawlerProps,
  datasets: readonly DatasetSpec[],
): PolicyStatement[] {
  const { partition, region, accountId } = props;
  const bucket = bucketArn(partition, props.dataBucketName);
  const prefixes = datasets.map((d) => datasetPrefix(d.name));
  const glue = `arn:${partition}:glue:${region}:${accountId}`;
  const databaseName = props.database.name;
  const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:/aws-glue/crawlers*`;

  return [
    {
      Sid: "ReadDatasetObjects",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: prefixes.map((prefix) => `${bucket}/${prefix}*`),
    },
    {
      Sid: "ListDatasetPrefixes",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucket,
      Condition: {
        StringLike: {
          "s3:prefix": prefixes.flatMap((prefix) => [
            prefix.slice(0, -1),
            `${prefix}*`,
          ]),
        },
      },
    },
    {
      Sid: "DecryptLakeObjects",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: props.kmsKeyArn,
    },
    {
      Sid: "MaintainDatasetTables",
      Effect: "Allow",
      Action: [...CRAWLER_CATALOG_ACTIONS],
      Resource: [
        `${glue}:catalog`,
        `${glue}:database/${databaseName}`,
        ...datasets.map((d) => `${glue}:table/${databaseName}/${d.name}`),
      ],
    },
    {
      Sid: "WriteEncryptedCrawlerLogs",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:AssociateKmsKey",
      ],
      Resource: [logGroups, `${logGroups}:log-stream:*`],
    },
  ];
}
