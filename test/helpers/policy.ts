/**
 * Fixtures and builders for the policy rules: hand-made stacks in
 * `test/fixtures/policy/` read as synthesized Terraform JSON.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StackReport, checkStack } from "../../lib/policy/engine";
import { StackResources, resourcesFromSynth } from "../../lib/policy/resources";
import { Suppression } from "../../lib/policy/suppressions";

/** Synthesized Terraform JSON, indexed freely by tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = any;

const FIXTURES = join(__dirname, "..", "fixtures");

/** A fresh copy of a JSON fixture, e.g. `policy/compliant-stack.json`. */
export function readFixture(path: string): StackJson {
  return JSON.parse(readFileSync(join(FIXTURES, path), "utf8"));
}

/** The compliant fixture stack, to be broken by a test. */
export function compliantStack(): StackJson {
  return readFixture("policy/compliant-stack.json");
}

/** Reads a synthesized stack document as policy resources of stack `fixture`. */
export function asResources(doc: StackJson, stack = "fixture"): StackResources {
  return resourcesFromSynth(stack, doc);
}

/** Runs every rule over a stack document. */
export function check(
  doc: StackJson,
  suppressions: readonly Suppression[] = [],
  stack = "fixture",
): StackReport {
  return checkStack(asResources(doc, stack), suppressions);
}

/** The findings of a report as `[rule, address, message]` rows. */
export function rows(report: StackReport): string[][] {
  return report.findings.map((f) => [f.rule, f.address, f.message]);
}

/** A suppression built in code, for tests of the engine. */
export function suppression(
  rule: string,
  address: string,
  stack?: string,
): Suppression {
  return {
    index: 0,
    rule,
    address,
    stack,
    reason: "Accepted in this test for a reason stated here.",
  };
}
