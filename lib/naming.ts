/**
 * Derives every AWS name of an environment from the settings. Stacks and the
 * CLI both call `resourceNames`, so they can never disagree about what a
 * bucket, database, crawler or workgroup is called.
 */
import { Problem, ruleBroken } from "./errors";
import type { QueryVariables } from "./queries/template";
import { environmentSettings } from "./environments";
import type { Settings } from "./settings";

/** Prefix of every stack id; stacks are `analytics-<environment>`. */
export const STACK_PREFIX = "analytics";

/** The names of one environment's resources. */
export interface ResourceNames {
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /** cdktf stack id and default HCP Terraform workspace: `analytics-<env>`. */
  readonly stack: string;
  /** Account the environment deploys to. */
  readonly accountId: string;
  /** Region the environment deploys to. */
  readonly region: string;
  /** AWS partition of the region: `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: string;
  /** Bucket holding the raw zone: `<project>-<env>-data-<account>-<region>`. */
  readonly dataBucket: string;
  /** Bucket receiving Athena query results. */
  readonly resultsBucket: string;
  /** Bucket receiving S3 server access logs of the other two. */
  readonly accessLogsBucket: string;
  /** KMS alias of the lake key, with its `alias/` prefix. */
  readonly keyAlias: string;
  /** Glue Data Catalog database: the project and environment in snake case. */
  readonly database: string;
  /** Glue crawler of the raw zone. */
  readonly crawler: string;
  /** IAM role the crawler assumes. */
  readonly crawlerRole: string;
  /** Glue security configuration attached to the crawler. */
  readonly securityConfiguration: string;
  /** Athena workgroup holding the named queries. */
  readonly workgroup: string;
}

/**
 * Derives the names of one environment's resources. `settingsFile` names
 * the file the settings came from in the error for an unknown environment.
 */
export function resourceNames(
  settings: Settings,
  environment: string,
  settingsFile?: string,
): ResourceNames {
  const env = environmentSettings(settings, environment, settingsFile);
  const base = `${settings.project}-${environment}`;
  // Account and region make bucket names globally unique by construction.
  const bucket = (purpose: string) =>
    `${base}-${purpose}-${env.accountId}-${env.region}`;

  return {
    environment,
    stack: `${STACK_PREFIX}-${environment}`,
    accountId: env.accountId,
    region: env.region,
    partition: partitionOf(env.region),
    dataBucket: bucket("data"),
    resultsBucket: bucket("results"),
    accessLogsBucket: bucket("logs"),
    keyAlias: `alias/${base}-lake`,
    database: base.replace(/-/g, "_"),
    crawler: `${base}-raw`,
    crawlerRole: `${base}-glue-crawler`,
    securityConfiguration: `${base}-lake`,
    workgroup: base,
  };
}

/** Values of the query template variables for one environment. */
export function queryVariables(names: ResourceNames): QueryVariables {
  return {
    database: names.database,
    data_bucket: names.dataBucket,
    results_bucket: names.resultsBucket,
    environment: names.environment,
    workgroup: names.workgroup,
  };
}

/** DNS suffix of service endpoints and principals in a partition. */
export function dnsSuffix(partition: string): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Problems with every derived name of every environment, for settings validation. */
export function namingProblems(settings: Settings): Problem[] {
  return Object.keys(settings.environments).flatMap((environment) => {
    const names = resourceNames(settings, environment);
    const buckets = [
      names.dataBucket,
      names.resultsBucket,
      names.accessLogsBucket,
    ];
    return buckets.flatMap((bucket) =>
      bucketNameRules(bucket).map((rule) =>
        ruleBroken(
          `environments.${environment}`,
          `derived bucket name ${rule}; shorten \`project\` or the environment name`,
          bucket,
        ),
      ),
    );
  });
}

/** The S3 general purpose bucket naming rules a name breaks; empty when it is valid. */
export function bucketNameRules(name: string): string[] {
  const broken: string[] = [];
  if (name.length < 3 || name.length > 63)
    broken.push(`must be 3-63 characters long (is ${name.length})`);
  if (!/^[a-z0-9-]*$/.test(name))
    broken.push("may hold only lowercase letters, digits and hyphens");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    broken.push("must start and end with a letter or digit");
  }
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(prefix)) broken.push(`must not start with "${prefix}"`);
  }
  for (const suffix of [
    "-s3alias",
    "--ol-s3",
    ".mrap",
    "--x-s3",
    "--table-s3",
  ]) {
    if (name.endsWith(suffix)) broken.push(`must not end with "${suffix}"`);
  }
  return broken;
}
