/**
 * Runs the policy rules over stacks, applies suppressions and checks that
 * every suppression is still needed.
 */
import { Problem, SettingsError } from "../errors";
import { StackResources } from "./resources";
import { PolicyRule, StackView } from "./rule";
import { RULES } from "./rules";
import {
  DEFAULT_SUPPRESSIONS_FILE,
  Suppression,
  describeSuppression,
  suppresses,
} from "./suppressions";

/** A resource of a stack that breaks a rule. */
export interface Finding {
  /** Rule id. */
  readonly rule: string;
  /** Stack id. */
  readonly stack: string;
  /** Terraform address of the resource. */
  readonly address: string;
  /** What is wrong. */
  readonly message: string;
}

/** A finding accepted by a suppression. */
export interface SuppressedFinding extends Finding {
  /** The suppression's reason. */
  readonly reason: string;
}

/** The outcome of the rules on one stack. */
export interface StackReport {
  readonly stack: string;
  /** Whether a synth or a plan was checked. */
  readonly source: StackResources["source"];
  /** The rules that ran. */
  readonly rules: readonly PolicyRule[];
  /** How many resources were checked. */
  readonly resourceCount: number;
  /** Findings no suppression accepts; the stack passes when empty. */
  readonly findings: readonly Finding[];
  /** Findings a suppression accepts. */
  readonly suppressed: readonly SuppressedFinding[];
}

/** Runs every rule over one stack and sorts the findings into open and suppressed. */
export function checkStack(
  input: StackResources,
  suppressions: readonly Suppression[] = [],
  rules: readonly PolicyRule[] = RULES,
): StackReport {
  const view = new StackView(input);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of rules) {
    for (const v of rule.check(view)) {
      const finding = { rule: rule.id, stack: input.stack, ...v };
      const accepted = suppressions.find((s) => suppresses(s, finding));
      if (accepted) suppressed.push({ ...finding, reason: accepted.reason });
      else findings.push(finding);
    }
  }
  return {
    stack: input.stack,
    source: input.source,
    rules,
    resourceCount: input.resources.length,
    findings,
    suppressed,
  };
}

/** The suppressions that accepted no finding in any of the reports. */
export function unusedSuppressions(
  reports: readonly StackReport[],
  suppressions: readonly Suppression[],
): Suppression[] {
  return suppressions.filter(
    (s) => !reports.some((r) => r.suppressed.some((f) => suppresses(s, f))),
  );
}

/**
 * Throws SettingsError naming every suppression that accepted no finding:
 * the resource complies now, or was renamed, and the entry must go.
 */
export function assertSuppressionsUsed(
  reports: readonly StackReport[],
  suppressions: readonly Suppression[],
  file: string = DEFAULT_SUPPRESSIONS_FILE,
): void {
  const unused = unusedSuppressions(reports, suppressions);
  if (unused.length === 0) return;
  const stacks = reports.map((r) => r.stack).join(", ");
  const problems: Problem[] = unused.map((s) => ({
    path: `suppressions[${s.index}]`,
    message: `${describeSuppression(s)} matches no finding in ${stacks}; the resource complies or its address changed: remove the entry or correct its address`,
  }));
  throw new SettingsError(file, problems);
}
