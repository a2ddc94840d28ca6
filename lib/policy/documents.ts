/**
 * Reads IAM and resource policy documents out of resource attributes so
 * rules can inspect their statements.
 */
import { UNKNOWN } from "./resources";

/** A policy statement with its lists normalized to arrays. */
export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principal: unknown;
  readonly condition: Readonly<Record<string, Record<string, unknown>>>;
}

/** The outcome of reading a policy attribute. */
export type ParsedPolicy =
  | { readonly kind: "statements"; readonly statements: readonly Statement[] }
  | { readonly kind: "unknown" }
  | { readonly kind: "unreadable"; readonly reason: string };

/**
 * Parses a policy attribute: a JSON document, possibly holding `${...}`
 * references inside its strings. A value Terraform only knows after apply
 * is `unknown`; anything else that is not a JSON policy is `unreadable`.
 */
export function parsePolicy(value: unknown): ParsedPolicy {
  if (value === UNKNOWN) return { kind: "unknown" };
  if (typeof value !== "string") {
    return { kind: "unreadable", reason: "the policy is not a string" };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    const reason = /^\$\{[^}]*\}$/.test(value.trim())
      ? `the policy is the expression ${value.trim()}`
      : "the policy is not valid JSON";
    return { kind: "unreadable", reason };
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return { kind: "statements", statements: list.map(toStatement) };
}

/** Whether a statement's Condition requires `aws:SecureTransport` to be false. */
export function deniesInsecureTransport(statement: Statement): boolean {
  const value = statement.condition.Bool?.["aws:SecureTransport"];
  return value === "false" || value === false;
}

function toStatement(raw: unknown): Statement {
  const s = (raw ?? {}) as Record<string, unknown>;
  return {
    sid: typeof s.Sid === "string" ? s.Sid : undefined,
    effect: String(s.Effect ?? ""),
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principal: s.Principal,
    condition: (s.Condition ?? {}) as Record<string, Record<string, unknown>>,
  };
}

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
