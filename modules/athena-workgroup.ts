import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import { Construct } from "constructs";

/** The Athena engine every query of the workgroup runs on. */
export const ATHENA_ENGINE_VERSION = "Athena engine version 3";

/** Properties of the AnalyticsWorkgroup. */
export interface AnalyticsWorkgroupProps {
  /** Workgroup name. */
  readonly name: string;
  /** Bucket receiving query results. */
  readonly resultsBucketName: string;
  /** Account that must own the results bucket. */
  readonly accountId: string;
  /** ARN of the KMS key that encrypts results. */
  readonly kmsKeyArn: string;
  /** Bytes a single query may scan before Athena cancels it. */
  readonly bytesScannedCutoff: number;
  /** Shown in the Athena console's workgroup list. */
  readonly description: string;
}

/**
 * The Athena workgroup analysts pick in the console. Its settings override
 * the client's: results go to the results bucket encrypted with the lake
 * key, queries run on engine version 3 and are cancelled past the
 * bytes-scanned cutoff.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html
 */
export class AnalyticsWorkgroup extends Construct {
  /** The workgroup resource. */
  readonly workgroup: AthenaWorkgroup;
  /** The workgroup name. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: AnalyticsWorkgroupProps) {
    super(scope, id);

    this.name = props.name;
    this.workgroup = new AthenaWorkgroup(this, "Resource", {
      name: props.name,
      description: props.description,
      state: "ENABLED",
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoff,
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
        resultConfiguration: {
          outputLocation: `s3://${props.resultsBucketName}/athena/`,
          expectedBucketOwner: props.accountId,
          encryptionConfiguration: {
            encryptionOption: "SSE_KMS",
            kmsKeyArn: props.kmsKeyArn,
          },
        },
      },
    });
  }
}
