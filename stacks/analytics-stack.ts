import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
} from "cdktf";
import { Construct, Node } from "constructs";
import { PlatformError } from "../lib/errors";
import { bucketArn } from "../lib/iam";
import { DATASETS, PARTITION_KEY, RAW_ZONE } from "../lib/layout";
import { ResourceNames, queryVariables, resourceNames } from "../lib/naming";
import { NamedQuery, loadQueries } from "../lib/queries/loader";
import { environmentSettings } from "../lib/environments";
import { BackendSettings, Settings } from "../lib/settings";
import { AnalyticsWorkgroup } from "../modules/athena-workgroup";
import { CatalogDatabase } from "../modules/catalog-database";
import { LakeCrawler } from "../modules/lake-crawler";
import { LakeKey } from "../modules/lake-key";
import { NamedQueries } from "../modules/named-queries";
import { SecureBucket } from "../modules/secure-bucket";

/** Key prefix under which the access-logs bucket receives S3 server access logs. */
const ACCESS_LOGS_PREFIX = "s3/";

/** Value of the `managed-by` tag on every resource. */
export const MANAGED_BY = "cdktf";

/** Properties of an AnalyticsStack. */
export interface AnalyticsStackProps {
  /** Validated settings of all environments. */
  readonly settings: Settings;
  /** The environment this stack deploys, a key of `settings.environments`. */
  readonly environment: string;
  /**
   * The environment's named queries, already loaded and templated.
   * @default loaded from `queries/` with this environment's names
   */
  readonly queries?: readonly NamedQuery[];
}

/**
 * One deployable environment of the platform: the AWS provider pinned to
 * the environment's account, its state backend, the lake key, the data,
 * query-results and access-logs buckets, the Glue database and crawler, and
 * the Athena workgroup with one named query per `.sql` file.
 */
export class AnalyticsStack extends TerraformStack {
  /** Every AWS name of this environment. */
  readonly names: ResourceNames;

  private readonly logicalIds = new Map<string, string>();

  constructor(scope: Construct, id: string, props: AnalyticsStackProps) {
    super(scope, id);

    const env = environmentSettings(props.settings, props.environment);
    this.names = resourceNames(props.settings, props.environment);
    const names = this.names;
    const { accountId, partition } = names;

    new AwsProvider(this, "aws", {
      region: env.region,
      allowedAccountIds: [accountId],
      defaultTags: [
        {
          tags: {
            project: props.settings.project,
            environment: props.environment,
            "managed-by": MANAGED_BY,
            ...env.tags,
          },
        },
      ],
    });
    configureBackend(this, names, env.backend);

    const lakeKey = new LakeKey(this, "LakeKey", {
      alias: names.keyAlias,
      accountId,
      region: env.region,
      partition,
      description: `Encrypts the ${props.environment} analytics lake: data, query results, crawler logs.`,
    });
    const kmsKeyArn = lakeKey.key.arn;

    const accessLogs = new SecureBucket(this, "AccessLogsBucket", {
      bucketName: names.accessLogsBucket,
      accountId,
      partition,
      lifecycleRules: [
        expireAfter("expire-access-logs", env.storage.accessLogRetentionDays),
      ],
      policyStatements: [
        {
          Sid: "S3ServerAccessLogsDelivery",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${bucketArn(partition, names.accessLogsBucket)}/${ACCESS_LOGS_PREFIX}*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnLike: {
              "aws:SourceArn": [names.dataBucket, names.resultsBucket].map(
                (b) => bucketArn(partition, b),
              ),
            },
          },
        },
      ],
    });
    const logsTo = (bucket: string) => ({
      bucket: accessLogs,
      prefix: `${ACCESS_LOGS_PREFIX}${bucket}/`,
    });

    const dataBucket = new SecureBucket(this, "DataBucket", {
      bucketName: names.dataBucket,
      accountId,
      partition,
      kmsKeyArn,
      accessLogs: logsTo(names.dataBucket),
      preventDestroy: true,
      lifecycleRules: [
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          // Once no version is left, the delete marker itself goes too.
          expiration: [{ expiredObjectDeleteMarker: true }],
          noncurrentVersionExpiration: [
            { noncurrentDays: env.storage.noncurrentVersionRetentionDays },
          ],
        },
        {
          id: "raw-to-intelligent-tiering",
          status: "Enabled",
          filter: [{ prefix: `${RAW_ZONE}/` }],
          transition: [
            {
              days: env.storage.rawIntelligentTieringDays,
              storageClass: "INTELLIGENT_TIERING",
            },
          ],
        },
      ],
    });

    const resultsBucket = new SecureBucket(this, "ResultsBucket", {
      bucketName: names.resultsBucket,
      accountId,
      partition,
      kmsKeyArn,
      accessLogs: logsTo(names.resultsBucket),
      lifecycleRules: [
        expireAfter("expire-query-results", env.storage.resultsExpiryDays),
      ],
    });

    const database = new CatalogDatabase(this, "CatalogDatabase", {
      name: names.database,
      accountId,
      description: `Tables of the ${props.environment} lake, one per dataset (${DATASETS.map((d) => d.name).join(", ")}), partitioned by ${PARTITION_KEY}; kept by the crawler ${names.crawler}.`,
    });

    new LakeCrawler(this, "Crawler", {
      crawlerName: names.crawler,
      roleName: names.crawlerRole,
      securityConfigurationName: names.securityConfiguration,
      database,
      dataBucketName: dataBucket.bucketName,
      kmsKeyArn,
      accountId,
      region: env.region,
      partition,
      schedule: env.crawler.schedule,
      recrawl: env.crawler.recrawl,
      updateBehavior: env.crawler.updateBehavior,
    });

    const workgroup = new AnalyticsWorkgroup(this, "Workgroup", {
      name: names.workgroup,
      resultsBucketName: resultsBucket.bucketName,
      accountId,
      kmsKeyArn,
      bytesScannedCutoff: env.athena.bytesScannedCutoff,
      description: `Analysts' workgroup for the ${props.environment} lake (database ${names.database}).`,
    });

    new NamedQueries(this, "NamedQueries", {
      queries:
        props.queries ?? loadQueries({ variables: queryVariables(names) }),
      workgroup: workgroup.workgroup.name,
      database: database.database.name,
    });

    new TerraformOutput(this, "data_bucket_name", {
      value: dataBucket.bucketName,
      description: `Data bucket; producers write JSON lines under ${RAW_ZONE}/<dataset>/${PARTITION_KEY}=YYYY-MM-DD/.`,
    });
    new TerraformOutput(this, "results_bucket_name", {
      value: resultsBucket.bucketName,
      description: "Bucket holding Athena query results.",
    });
    new TerraformOutput(this, "access_logs_bucket_name", {
      value: accessLogs.bucketName,
      description: "Bucket receiving S3 server access logs.",
    });
    new TerraformOutput(this, "database_name", {
      value: database.name,
      description: "Glue Data Catalog database with one table per dataset.",
    });
    new TerraformOutput(this, "crawler_name", {
      value: names.crawler,
      description: "Glue crawler; run it now with `lake crawl --env <env>`.",
    });
    new TerraformOutput(this, "workgroup_name", {
      value: workgroup.name,
      description: "Athena workgroup holding the named queries.",
    });
    new TerraformOutput(this, "lake_key_arn", {
      value: kmsKeyArn,
      description: "ARN of the KMS key that encrypts the lake.",
    });
  }

  /**
   * Names every Terraform element after its construct path in snake case,
   * without the hash suffix cdktf adds by default, so that plans read
   * `aws_s3_bucket.data_bucket`. A construct id named `Resource` stands for
   * its parent. Two paths mapping to one name fail the synth.
   */
  protected override allocateLogicalId(
    element: TerraformElement | Node,
  ): string {
    const node = TerraformElement.isTerraformElement(element)
      ? element.node
      : element;
    const path = node.path;
    const known = this.logicalIds.get(path);
    if (known) return known;

    const stackIndex = node.scopes.indexOf(this);
    const id = node.scopes
      .slice(stackIndex + 1)
      .map((scope) => scope.node.id)
      .filter((part) => part !== "Resource")
      .map(snakeCase)
      .join("_");

    for (const [otherPath, otherId] of this.logicalIds) {
      if (otherId === id) {
        throw new PlatformError(
          `Constructs ${otherPath} and ${path} would both get the Terraform name ${id}; rename one of their ids.`,
        );
      }
    }
    this.logicalIds.set(path, id);
    return id;
  }
}

function configureBackend(
  stack: TerraformStack,
  names: ResourceNames,
  backend: BackendSettings,
): void {
  switch (backend.type) {
    case "local":
      // Terraform runs in cdktf.out/stacks/<stack>/; state lives at the repository root.
      new LocalBackend(stack, {
        path: `../../../${backend.path ?? `terraform.${names.stack}.tfstate`}`,
      });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key ?? `${names.stack}/terraform.tfstate`,
        region: backend.region ?? names.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyId,
      });
      // S3-native state locking; cdktf's S3Backend predates the argument.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
    case "cloud":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace ?? names.stack),
      });
      return;
  }
}

function expireAfter(id: string, days: number) {
  return {
    id,
    status: "Enabled",
    filter: [{ prefix: "" }],
    expiration: [{ days }],
    noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
  };
}

function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .toLowerCase();
}
