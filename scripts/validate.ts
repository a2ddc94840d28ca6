/**
 * Real validation with Terraform: synthesizes, then for every stack runs
 * `terraform init`, `validate` and `plan` in a scratch copy, with dummy
 * credentials and local state, keeps each plan as JSON in `plans/`, and
 * runs the policy rules over each plan.
 *
 * Nothing in `cdktf.out/` changes. Set TF_PROVIDER_MIRROR to a filesystem
 * mirror of the providers to run offline; otherwise `terraform init`
 * downloads them from the registry.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runEntryPoint, runOrExit } from "../cli/entry";
import {
  StackReport,
  Suppression,
  assertSuppressionsUsed,
  checkStack,
  loadSuppressions,
  renderReport,
  resourcesFromPlan,
} from "../lib/policy";
import {
  PLANS_DIR,
  STACKS_DIR,
  planOffline,
  terraformAvailable,
  terraformEnvironment,
} from "../lib/terraform";

function main(): number {
  if (!terraformAvailable()) {
    const inCi = process.env.CI === "true";
    process.stderr.write(
      `${inCi ? "FAILED" : "SKIPPED"}: terraform is not on PATH; install Terraform >= 1.10 to validate the stacks.\n`,
    );
    return inCi ? 1 : 0;
  }

  runOrExit("npx", ["tsx", "main.ts"]);
  const stacks = readdirSync(STACKS_DIR).sort();
  mkdirSync(PLANS_DIR, { recursive: true });
  const env = terraformEnvironment({
    offline: true,
    mirror: process.env.TF_PROVIDER_MIRROR,
  });
  const suppressions = loadSuppressions();

  let failed = 0;
  const reports: StackReport[] = [];
  for (const stack of stacks) {
    const ok = validateStack(stack, env, suppressions, reports);
    process.stderr.write(`${ok ? "ok    " : "FAILED"} ${stack}\n`);
    if (!ok) failed++;
  }
  if (failed === 0) assertSuppressionsUsed(reports, suppressions);
  process.stderr.write(
    `${stacks.length - failed} passed, ${failed} failed (terraform init, validate, plan and policy rules per stack; plans in ${PLANS_DIR}/)\n`,
  );
  return failed === 0 ? 0 : 1;
}

/** Plans one stack offline, keeps the plan and runs the policy rules over it. */
function validateStack(
  stack: string,
  env: NodeJS.ProcessEnv,
  suppressions: Suppression[],
  reports: StackReport[],
): boolean {
  const outcome = planOffline(join(STACKS_DIR, stack), env);
  if (!outcome.ok) {
    process.stderr.write(
      `${outcome.step} failed for ${stack}:\n${outcome.output}\n`,
    );
    return false;
  }
  writeFileSync(join(PLANS_DIR, `${stack}.json`), outcome.planJson);
  const synth = readFileSync(join(STACKS_DIR, stack, "cdk.tf.json"), "utf8");
  const report = checkStack(
    resourcesFromPlan(stack, JSON.parse(outcome.planJson), JSON.parse(synth)),
    suppressions,
  );
  reports.push(report);
  process.stderr.write(`${renderReport(report)}\n`);
  return report.findings.length === 0;
}

runEntryPoint(main);
