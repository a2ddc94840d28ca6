import { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
import {
  ATHENA_ENGINE_VERSION,
  AnalyticsWorkgroup,
} from "../../modules/athena-workgroup";
import { Synthesized, onlyResource, synthConstructs } from "../helpers/synth";

const KEY_ARN = "arn:aws:kms:eu-west-1:111111111111:key/lake";

/** Synthesizes a workgroup with the given cutoff. */
function synthWorkgroup(bytesScannedCutoff = 10_737_418_240): Synthesized {
  return synthConstructs((scope) => {
    new AnalyticsWorkgroup(scope, "Workgroup", {
      name: "analytics-dev",
      resultsBucketName: "analytics-dev-results-111111111111-eu-west-1",
      accountId: "111111111111",
      kmsKeyArn: KEY_ARN,
      bytesScannedCutoff,
      description: "Analysts' workgroup.",
    });
  });
}

describe("AnalyticsWorkgroup", () => {
  test("enforces its configuration on every client", () => {
    const synthesized = synthWorkgroup();

    expect(synthesized.text).toHaveResourceWithProperties(AthenaWorkgroup, {
      name: "analytics-dev",
      description: "Analysts' workgroup.",
      state: "ENABLED",
    });
    expect(
      onlyResource(synthesized, "aws_athena_workgroup").configuration
        .enforce_workgroup_configuration,
    ).toBe(true);
  });

  test("writes results to the results bucket encrypted with the lake key", () => {
    const { configuration } = onlyResource(
      synthWorkgroup(),
      "aws_athena_workgroup",
    );

    expect(configuration.result_configuration).toEqual({
      output_location:
        "s3://analytics-dev-results-111111111111-eu-west-1/athena/",
      expected_bucket_owner: "111111111111",
      encryption_configuration: {
        encryption_option: "SSE_KMS",
        kms_key_arn: KEY_ARN,
      },
    });
  });

  test("cancels queries past the configured cutoff", () => {
    const { configuration } = onlyResource(
      synthWorkgroup(20_000_000),
      "aws_athena_workgroup",
    );

    expect(configuration.bytes_scanned_cutoff_per_query).toBe(20_000_000);
  });

  test("runs engine version 3 and publishes CloudWatch metrics", () => {
    const { configuration } = onlyResource(
      synthWorkgroup(),
      "aws_athena_workgroup",
    );

    expect(ATHENA_ENGINE_VERSION).toBe("Athena engine version 3");
    expect(configuration.engine_version).toEqual({
      selected_engine_version: "Athena engine version 3",
    });
    expect(configuration.publish_cloudwatch_metrics_enabled).toBe(true);
  });

  test("is never force-destroyed with its named queries and history", () => {
    expect(
      onlyResource(synthWorkgroup(), "aws_athena_workgroup").force_destroy,
    ).toBe(false);
  });
});
