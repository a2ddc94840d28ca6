/**
 * Suppressions: the findings a stack is allowed to have, each with a written
 * reason. They live in `config/policy-suppressions.yaml`, are validated when
 * read, and are listed in every policy report.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { Problem, SettingsError, ruleBroken } from "../errors";
import { PolicyRule } from "./rule";
import { RULES } from "./rules";

/** Where the suppressions live, relative to the repository root. */
export const DEFAULT_SUPPRESSIONS_FILE = "config/policy-suppressions.yaml";

/** A reason must be at least a sentence: this many words, ending in a full stop. */
export const MIN_REASON_WORDS = 6;

const ADDRESS = /^(data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+$/;
const KEYS = ["rule", "address", "stack", "reason"];

/** One accepted finding. */
export interface Suppression {
  /** Position in the file's `suppressions` list, for messages. */
  readonly index: number;
  /** Rule id, e.g. `S3-006`. */
  readonly rule: string;
  /** Terraform address of the resource. */
  readonly address: string;
  /**
   * Stack the suppression applies to.
   * @default every stack
   */
  readonly stack?: string;
  /** Why the finding is accepted. */
  readonly reason: string;
}

/** Reads and validates the suppressions file; throws SettingsError listing every problem. */
export function loadSuppressions(
  file: string = DEFAULT_SUPPRESSIONS_FILE,
  rules: readonly PolicyRule[] = RULES,
): Suppression[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SettingsError(file, [
      {
        path: file,
        message:
          code === "ENOENT"
            ? "file not found; create it with `suppressions: []`"
            : String(err),
      },
    ]);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SettingsError(
      file,
      doc.errors.map((e) => ({
        path: `line ${e.linePos?.[0].line ?? "?"}`,
        message: `not valid YAML: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
      })),
    );
  }
  return validateSuppressions(doc.toJS(), file, rules);
}

/** Validates parsed suppressions; throws SettingsError listing every problem. */
export function validateSuppressions(
  raw: unknown,
  file: string = DEFAULT_SUPPRESSIONS_FILE,
  rules: readonly PolicyRule[] = RULES,
): Suppression[] {
  const list = (raw as { suppressions?: unknown } | null)?.suppressions;
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(list)) {
    throw new SettingsError(file, [
      ruleBroken(
        "suppressions",
        "must be a list of { rule, address, stack?, reason } entries (use `suppressions: []` for none)",
        list,
      ),
    ]);
  }

  const ruleIds = rules.map((r) => r.id);
  const problems: Problem[] = [];
  const suppressions: Suppression[] = [];
  const seen = new Map<string, number>();
  list.forEach((entry: unknown, index) => {
    const path = `suppressions[${index}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(
        ruleBroken(
          path,
          "must be a mapping with rule, address and reason",
          entry,
        ),
      );
      return;
    }
    const e = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(e).filter((k) => !KEYS.includes(k))) {
      problems.push({
        path: `${path}.${key}`,
        message: `unknown key; an entry has only ${KEYS.join(", ")}`,
      });
    }
    if (typeof e.rule !== "string" || !ruleIds.includes(e.rule)) {
      problems.push(
        ruleBroken(
          `${path}.rule`,
          `must be the id of a rule (${ruleIds.join(", ")})`,
          e.rule,
        ),
      );
    }
    if (typeof e.address !== "string" || !ADDRESS.test(e.address)) {
      problems.push(
        ruleBroken(
          `${path}.address`,
          "must be a Terraform resource address such as aws_s3_bucket.access_logs_bucket",
          e.address,
        ),
      );
    }
    if (
      e.stack !== undefined &&
      (typeof e.stack !== "string" || e.stack === "")
    ) {
      problems.push(
        ruleBroken(
          `${path}.stack`,
          "must be a stack id such as analytics-dev, or left out for every stack",
          e.stack,
        ),
      );
    }
    const reason = typeof e.reason === "string" ? e.reason.trim() : e.reason;
    if (!isSentence(reason)) {
      problems.push(
        ruleBroken(
          `${path}.reason`,
          `must explain in at least one sentence (${MIN_REASON_WORDS} or more words ending in a full stop) why the finding is acceptable`,
          reason,
        ),
      );
    }
    if (problems.length > before) return;

    const s: Suppression = {
      index,
      rule: e.rule as string,
      address: e.address as string,
      stack: e.stack as string | undefined,
      reason: reason as string,
    };
    const key = `${s.rule} ${s.address} ${s.stack ?? "*"}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        path,
        message: `repeats suppressions[${first}] (${s.rule} on ${s.address}); remove one`,
      });
      return;
    }
    seen.set(key, index);
    suppressions.push(s);
  });
  if (problems.length > 0) throw new SettingsError(file, problems);
  return suppressions;
}

/** Whether a suppression accepts a finding of a rule on a resource of a stack. */
export function suppresses(
  s: Suppression,
  finding: { rule: string; address: string; stack: string },
): boolean {
  return (
    s.rule === finding.rule &&
    s.address === finding.address &&
    (s.stack === undefined || s.stack === finding.stack)
  );
}

/** Describes where a suppression applies, for reports and messages. */
export function describeSuppression(s: Suppression): string {
  const where = s.stack ? ` in ${s.stack}` : " in every stack";
  return `${s.rule} on ${s.address}${where}`;
}

function isSentence(reason: unknown): boolean {
  if (typeof reason !== "string") return false;
  const words = reason.split(/\s+/).filter((w) => w.length > 0);
  return words.length >= MIN_REASON_WORDS && /[.!]$/.test(reason);
}
