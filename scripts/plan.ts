/**
 * Plans every stack and writes, next to each plan's JSON, a Markdown summary
 * for a pull request or an HCP Terraform review: `plans/<stack>.md`.
 *
 * With AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_PROFILE or
 * a web identity token) the plan runs against each stack's real backend and
 * account; without them it runs offline like `npm run validate`, and the
 * summary says so at the top. Exits non-zero when Terraform or a policy rule
 * fails.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runEntryPoint, runOrExit } from "../cli/entry";
import { PlanMode, renderPlanSummary } from "../lib/plan/summary";
import {
  StackReport,
  assertSuppressionsUsed,
  checkStack,
  loadSuppressions,
  resourcesFromPlan,
  resourcesFromSynth,
} from "../lib/policy";
import {
  PLANS_DIR,
  STACKS_DIR,
  hasAwsCredentials,
  planOffline,
  planReal,
  terraformAvailable,
  terraformEnvironment,
} from "../lib/terraform";

function main(): number {
  if (!terraformAvailable()) {
    process.stderr.write(
      "FAILED: terraform is not on PATH; install Terraform >= 1.10 to plan the stacks.\n",
    );
    return 1;
  }

  runOrExit("npx", ["tsx", "main.ts"]);
  const mode: PlanMode = hasAwsCredentials() ? "real" : "offline";
  process.stderr.write(
    mode === "real"
      ? "AWS credentials found: planning against each stack's real backend.\n"
      : "No AWS credentials: planning offline with empty state and dummy credentials.\n",
  );
  const env = terraformEnvironment({
    offline: mode === "offline",
    mirror: process.env.TF_PROVIDER_MIRROR,
  });
  const suppressions = loadSuppressions();
  mkdirSync(PLANS_DIR, { recursive: true });

  let failed = 0;
  const reports: StackReport[] = [];
  for (const stack of readdirSync(STACKS_DIR).sort()) {
    const dir = join(STACKS_DIR, stack);
    process.stderr.write(`planning ${stack} ...\n`);
    const outcome =
      mode === "real" ? planReal(dir, env) : planOffline(dir, env);
    if (!outcome.ok) {
      process.stderr.write(
        `${outcome.step} failed for ${stack}:\n${outcome.output}\n`,
      );
      failed++;
      continue;
    }
    const plan: unknown = JSON.parse(outcome.planJson);
    const synth: unknown = JSON.parse(
      readFileSync(join(dir, "cdk.tf.json"), "utf8"),
    );
    const policy = checkStack(
      resourcesFromPlan(stack, plan, synth),
      suppressions,
    );
    reports.push(policy);
    const preventDestroy = new Set(
      resourcesFromSynth(stack, synth)
        .resources.filter((r) => r.preventDestroy)
        .map((r) => r.address),
    );
    const summary = join(PLANS_DIR, `${stack}.md`);
    writeFileSync(join(PLANS_DIR, `${stack}.json`), outcome.planJson);
    writeFileSync(
      summary,
      renderPlanSummary({ stack, plan, mode, policy, preventDestroy }),
    );
    const ok = policy.findings.length === 0;
    if (!ok) failed++;
    process.stderr.write(
      `${ok ? "ok    " : "FAILED"} ${stack}: ${summary} (${policy.findings.length} policy findings)\n`,
    );
  }
  if (failed === 0) assertSuppressionsUsed(reports, suppressions);
  return failed === 0 ? 0 : 1;
}

runEntryPoint(main);
