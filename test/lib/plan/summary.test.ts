import {
  analysePlan,
  queryVersion,
  renderPlanSummary,
} from "../../../lib/plan/summary";
import { checkStack } from "../../../lib/policy/engine";
import { resourcesFromPlan } from "../../../lib/policy/resources";
import { readFixture } from "../../helpers/policy";

const plan = readFixture("plans/changes.json");

describe("analysePlan", () => {
  test("sorts changes into add, change, replace and destroy, skipping no-ops", () => {
    const { changes } = analysePlan(plan);
    expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      "replace aws_athena_named_query.named_queries_app_install_base",
      "destroy aws_athena_named_query.named_queries_old_report",
      "change aws_athena_named_query.named_queries_users_by_country",
      "add aws_athena_named_query.named_queries_users_by_plan",
      "replace aws_s3_bucket.data_bucket",
      "change aws_s3_bucket.results_bucket",
      "destroy aws_s3_bucket.scratch_bucket",
      "add aws_s3_bucket_versioning.data_bucket_versioning",
    ]);
  });

  test("flags replaced and destroyed stateful resources and prevent_destroy ones", () => {
    const flagged = analysePlan(
      plan,
      new Set(["aws_athena_named_query.named_queries_old_report"]),
    ).atRisk.map((c) => c.address);
    expect(flagged).toEqual([
      "aws_athena_named_query.named_queries_old_report",
      "aws_s3_bucket.data_bucket",
      "aws_s3_bucket.scratch_bucket",
    ]);
  });

  test("reads old and new versions of named queries", () => {
    expect(analysePlan(plan).namedQueries).toEqual([
      {
        name: "app_install_base",
        address: "aws_athena_named_query.named_queries_app_install_base",
        action: "replace",
        oldVersion: 4,
        newVersion: 5,
      },
      {
        name: "old_report",
        address: "aws_athena_named_query.named_queries_old_report",
        action: "destroy",
        oldVersion: 3,
        newVersion: undefined,
      },
      {
        name: "users_by_country",
        address: "aws_athena_named_query.named_queries_users_by_country",
        action: "change",
        oldVersion: 1,
        newVersion: 2,
      },
      {
        name: "users_by_plan",
        address: "aws_athena_named_query.named_queries_users_by_plan",
        action: "add",
        oldVersion: undefined,
        newVersion: 1,
      },
    ]);
  });
});

describe("queryVersion", () => {
  test("reads the version from the loader's last line, not from the summary's prose", () => {
    expect(
      queryVersion(
        "Users per country, as the version 2 dashboard counted them.\nVersion 12. No parameters.",
      ),
    ).toBe(12);
    expect(
      queryVersion("Top apps.\nVersion 3. Parameters: top_n bigint, e.g. 10."),
    ).toBe(3);
  });

  test("gives no version for a description the loader did not write", () => {
    expect(queryVersion("Users per country (version 12).")).toBeUndefined();
    expect(queryVersion("Version 3: apps by category")).toBeUndefined();
    expect(queryVersion(undefined)).toBeUndefined();
  });
});

describe("renderPlanSummary", () => {
  const policy = checkStack(
    resourcesFromPlan(
      "analytics-dev",
      plan,
      readFixture("plans/changes-synth.json"),
    ),
  );

  test("says at the top that an offline plan has no real state", () => {
    const summary = renderPlanSummary({
      stack: "analytics-dev",
      plan,
      mode: "offline",
    });
    expect(summary.split("\n").slice(0, 3)).toEqual([
      "# Plan: analytics-dev",
      "",
      "> **Offline plan.** No AWS credentials were found (no AWS_ACCESS_KEY_ID, AWS_PROFILE, web identity token, container credentials or default profile in ~/.aws), so Terraform planned against empty local state with dummy credentials: every resource shows as added. Run `npm run plan` with credentials to see the real changes.",
    ]);
  });

  test("puts stateful replacements first, then counts, named queries, resources and policy", () => {
    const summary = renderPlanSummary({
      stack: "analytics-dev",
      plan,
      mode: "real",
      policy,
      preventDestroy: new Set(["aws_s3_bucket.data_bucket"]),
    });
    const head = summary.split("\n## Resources")[0];
    expect(head).toBe(
      [
        "# Plan: analytics-dev",
        "",
        "Planned against the stack's real backend and AWS account.",
        "",
        "## ⚠ Stateful resources replaced or destroyed",
        "",
        "- `aws_s3_bucket.data_bucket` is **replaced** (destroyed, then created): its data or key material is lost. It has prevent_destroy, so Terraform refuses to apply this; if only its address changed, move the state with `terraform state mv` or a `moved` block.",
        "- `aws_s3_bucket.scratch_bucket` is **destroyed**: its data or key material is lost.",
        "",
        "| Add | Change | Replace | Destroy |",
        "| ---: | ---: | ---: | ---: |",
        "| 2 | 2 | 2 | 2 |",
        "",
        "## Named queries",
        "",
        "- replaced `app_install_base`: version 4 → version 5",
        "- removed `old_report` (was version 3)",
        "- changed `users_by_country`: version 1 → version 2",
        "- added `users_by_plan` (version 1)",
        "",
      ].join("\n"),
    );
    expect(summary).toContain("| replace | `aws_s3_bucket.data_bucket` |");
    expect(summary).toContain("### Policy: FAILED");
    expect(summary).toContain(
      "| S3-001 | `aws_s3_bucket.data_bucket` | has no aws_s3_bucket_server_side_encryption_configuration |",
    );
  });

  test("says when no stateful resource is at risk", () => {
    const quiet = {
      resource_changes: plan.resource_changes.filter(
        (c: { type: string }) => c.type === "aws_athena_named_query",
      ),
    };
    const summary = renderPlanSummary({
      stack: "analytics-dev",
      plan: quiet,
      mode: "real",
    });
    expect(summary).toContain("No stateful resource is replaced or destroyed.");
    expect(summary).not.toContain("## Resources");
  });
});
