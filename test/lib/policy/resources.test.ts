import {
  UNKNOWN,
  isTaggable,
  resourcesFromPlan,
  resourcesFromSynth,
} from "../../../lib/policy/resources";
import { compliantStack, readFixture } from "../../helpers/policy";

describe("resourcesFromSynth", () => {
  test("merges provider default tags with a resource's own tags", () => {
    const doc = compliantStack();
    doc.resource.aws_glue_catalog_database.catalog_database.tags = {
      team: "data",
    };
    const { resources } = resourcesFromSynth("fixture", doc);
    const database = resources.find(
      (r) => r.address === "aws_glue_catalog_database.catalog_database",
    );
    expect(database?.tags).toEqual({
      project: "fixture",
      environment: "test",
      "managed-by": "cdktf",
      team: "data",
    });
    expect(database?.preventDestroy).toBe(true);
  });

  test("records the resources each attribute refers to", () => {
    const { resources } = resourcesFromSynth("fixture", compliantStack());
    const crawler = resources.find(
      (r) => r.address === "aws_glue_crawler.crawler",
    );
    expect(crawler?.references).toEqual({
      database_name: ["aws_glue_catalog_database.catalog_database"],
      role: ["aws_iam_role.crawler_role"],
      security_configuration: [
        "aws_glue_security_configuration.security_configuration",
      ],
    });
  });

  test("gives untaggable resources no tags", () => {
    const { resources } = resourcesFromSynth("fixture", compliantStack());
    const query = resources.find((r) => r.type === "aws_athena_named_query");
    expect(query?.taggable).toBe(false);
    expect(query?.tags).toBeUndefined();
  });

  test("rejects a document that is not a JSON object", () => {
    expect(() => resourcesFromSynth("fixture", [])).toThrow(
      "Expected the synthesized stack fixture to be a JSON object, got an array; pass the parsed cdk.tf.json or terraform show -json output.",
    );
  });
});

describe("isTaggable", () => {
  test("follows the provider schema", () => {
    expect(isTaggable("aws_s3_bucket")).toBe(true);
    expect(isTaggable("aws_glue_crawler")).toBe(true);
    expect(isTaggable("aws_s3_bucket_policy")).toBe(false);
    expect(isTaggable("aws_glue_security_configuration")).toBe(false);
    expect(isTaggable("aws_no_such_resource")).toBe(false);
  });
});

describe("resourcesFromPlan", () => {
  const plan = readFixture("plans/changes.json");
  const synth = readFixture("plans/changes-synth.json");

  test("keeps the resources that exist after apply", () => {
    const { resources } = resourcesFromPlan("analytics-dev", plan, synth);
    const addresses = resources.map((r) => r.address);
    expect(addresses).toContain("aws_s3_bucket.data_bucket");
    expect(addresses).toContain("aws_kms_key.lake_key");
    expect(addresses).not.toContain("aws_s3_bucket.scratch_bucket");
    expect(addresses).not.toContain(
      "aws_athena_named_query.named_queries_old_report",
    );
  });

  test("marks values known only after apply and reads references from the configuration", () => {
    const { resources } = resourcesFromPlan("analytics-dev", plan);
    const versioning = resources.find(
      (r) => r.address === "aws_s3_bucket_versioning.data_bucket_versioning",
    );
    expect(versioning?.values.bucket).toBe(UNKNOWN);
    expect(versioning?.values.versioning_configuration).toEqual([
      { status: "Enabled", mfa_delete: UNKNOWN },
    ]);
    expect(versioning?.references).toEqual({
      bucket: ["aws_s3_bucket.data_bucket"],
    });
  });

  test("takes tags from tags_all and prevent_destroy from the synth", () => {
    const withSynth = resourcesFromPlan("analytics-dev", plan, synth);
    const bucket = withSynth.resources.find(
      (r) => r.address === "aws_s3_bucket.data_bucket",
    );
    expect(bucket?.tags).toEqual({
      project: "analytics",
      environment: "dev",
      "managed-by": "cdktf",
    });
    expect(bucket?.preventDestroy).toBe(true);

    const alone = resourcesFromPlan("analytics-dev", plan);
    expect(
      alone.resources.find((r) => r.address === "aws_s3_bucket.data_bucket")
        ?.preventDestroy,
    ).toBeUndefined();
  });
});
