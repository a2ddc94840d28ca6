/**
 * Renders policy reports: plain text for a terminal or a failing test, and
 * Markdown for a plan summary. Both list suppressed findings with their
 * reasons, so an accepted risk is never out of sight.
 */
import { Finding, StackReport } from "./engine";
import { PolicyRule } from "./rule";

/** One line per finding with the rule and how to fix it; a platform engineer acts on it. */
export function describeFinding(
  finding: Finding,
  rules: readonly PolicyRule[],
): string {
  const rule = rules.find((r) => r.id === finding.rule);
  const head = `${finding.stack}: ${finding.address} ${finding.message}`;
  if (!rule) return `${head} [${finding.rule}]`;
  return `${head} [${rule.id}: ${rule.statement}] Why: ${rule.why} Fix: ${rule.fix}`;
}

/** The open findings of all reports, one per line, or "no findings". */
export function describeFindings(reports: readonly StackReport[]): string {
  const lines = reports.flatMap((r) =>
    r.findings.map((f) => describeFinding(f, r.rules)),
  );
  return lines.length === 0 ? "no findings" : lines.join("\n");
}

/** A terminal report of one stack: counts, findings with fixes, suppressions with reasons. */
export function renderReport(report: StackReport): string {
  const lines = [
    `${report.stack} (${report.source}): ${report.rules.length} rules over ${report.resourceCount} resources, ${count(report.findings.length, "finding")}, ${report.suppressed.length} suppressed`,
  ];
  for (const f of report.findings) {
    lines.push(`  FAIL ${describeFinding(f, report.rules)}`);
  }
  for (const s of report.suppressed) {
    lines.push(
      `  suppressed ${s.rule} ${s.address} ${s.message}; reason: ${s.reason}`,
    );
  }
  return lines.join("\n");
}

/** The policy section of a plan summary in Markdown. */
export function renderMarkdown(report: StackReport): string {
  const lines = [
    `### Policy: ${report.findings.length === 0 ? "passed" : "FAILED"}`,
    "",
    `${report.rules.length} rules over ${report.resourceCount} resources (${report.source}): ${count(report.findings.length, "finding")}, ${report.suppressed.length} suppressed.`,
  ];
  if (report.findings.length > 0) {
    lines.push(
      "",
      "| Rule | Resource | Problem | Fix |",
      "| --- | --- | --- | --- |",
    );
    for (const f of report.findings) {
      const rule = report.rules.find((r) => r.id === f.rule);
      lines.push(
        `| ${f.rule} | \`${f.address}\` | ${cell(f.message)} | ${cell(rule?.fix ?? "")} |`,
      );
    }
  }
  if (report.suppressed.length > 0) {
    lines.push("", "Suppressed (config/policy-suppressions.yaml):", "");
    lines.push(
      "| Rule | Resource | Finding | Reason |",
      "| --- | --- | --- | --- |",
    );
    for (const s of report.suppressed) {
      lines.push(
        `| ${s.rule} | \`${s.address}\` | ${cell(s.message)} | ${cell(s.reason)} |`,
      );
    }
  }
  return lines.join("\n");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
