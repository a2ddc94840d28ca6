/**
 * Summarizes a Terraform plan (`terraform show -json`) for a pull request or
 * an HCP Terraform review: what is added, changed, replaced and destroyed,
 * stateful resources at risk first, named query versions, and the policy
 * results with their suppressions.
 */
import { StackReport } from "../policy/engine";
import { renderMarkdown } from "../policy/report";
import { STATEFUL_TYPES } from "../policy/rules";
import { parseDescription } from "../queries/loader";

/** Resource type of a named query. */
export const NAMED_QUERY_TYPE = "aws_athena_named_query";

/** What Terraform will do to one resource. */
export type PlanAction = "add" | "change" | "replace" | "destroy";

/** One resource change of a plan. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly action: PlanAction;
  /** Attribute values before the change; undefined when added. */
  readonly before?: Readonly<Record<string, unknown>>;
  /** Attribute values after the change; undefined when destroyed. */
  readonly after?: Readonly<Record<string, unknown>>;
}

/** A named query as the summary shows it. */
export interface NamedQueryChange {
  /** Query name (the `.sql` file's name). */
  readonly name: string;
  readonly address: string;
  readonly action: PlanAction;
  /** Version in the description before the change. */
  readonly oldVersion?: number;
  /** Version in the description after the change. */
  readonly newVersion?: number;
}

/** The changes of a plan, sorted for review. */
export interface PlanAnalysis {
  /** Every change except no-ops and reads, by address. */
  readonly changes: readonly PlannedChange[];
  /** Replacements and destroys of stateful or prevent_destroy resources. */
  readonly atRisk: readonly PlannedChange[];
  /** Changes of named queries. */
  readonly namedQueries: readonly NamedQueryChange[];
}

/** How a plan was made. */
export type PlanMode = "offline" | "real";

/** What the summary of one stack is made from. */
export interface PlanSummaryInput {
  /** Stack id. */
  readonly stack: string;
  /** The parsed output of `terraform show -json`. */
  readonly plan: unknown;
  /** Offline (no credentials, empty state) or against the real backend. */
  readonly mode: PlanMode;
  /**
   * The policy report of the stack.
   * @default no policy section
   */
  readonly policy?: StackReport;
  /**
   * Addresses that have lifecycle prevent_destroy (a plan does not record it).
   * @default only the stateful resource types are flagged
   */
  readonly preventDestroy?: ReadonlySet<string>;
}

/** Sorts the changes of a plan into what a reviewer needs to see. */
export function analysePlan(
  plan: unknown,
  preventDestroy: ReadonlySet<string> = new Set(),
): PlanAnalysis {
  const changes: PlannedChange[] = [];
  const entries = (plan as { resource_changes?: unknown[] } | null)
    ?.resource_changes;
  for (const entry of Array.isArray(entries) ? entries : []) {
    const rc = entry as {
      address: string;
      type: string;
      mode?: string;
      change?: { actions?: string[]; before?: unknown; after?: unknown };
    };
    if (rc.mode === "data") continue;
    const action = actionOf(rc.change?.actions ?? []);
    if (!action) continue;
    changes.push({
      address: rc.address,
      type: rc.type,
      action,
      before: objectOrUndefined(rc.change?.before),
      after: objectOrUndefined(rc.change?.after),
    });
  }
  changes.sort((a, b) => compare(a.address, b.address));

  const atRisk = changes.filter(
    (c) =>
      (c.action === "replace" || c.action === "destroy") &&
      ((STATEFUL_TYPES as readonly string[]).includes(c.type) ||
        preventDestroy.has(c.address)),
  );
  const namedQueries = changes
    .filter((c) => c.type === NAMED_QUERY_TYPE)
    .map((c) => ({
      name: String(c.after?.name ?? c.before?.name ?? c.address),
      address: c.address,
      action: c.action,
      oldVersion: queryVersion(c.before?.description),
      newVersion: queryVersion(c.after?.description),
    }));
  return { changes, atRisk, namedQueries };
}

/**
 * The version in a named query's description, read from the line
 * `Version N. ...` that the query loader writes last; undefined for a
 * description without that line.
 */
export function queryVersion(description: unknown): number | undefined {
  if (typeof description !== "string") return undefined;
  return parseDescription(description).version;
}

/** Renders the Markdown summary of one stack's plan. */
export function renderPlanSummary(input: PlanSummaryInput): string {
  const analysis = analysePlan(input.plan, input.preventDestroy);
  const lines: string[] = [`# Plan: ${input.stack}`, ""];

  if (input.mode === "offline") {
    lines.push(
      "> **Offline plan.** No AWS credentials were found (no AWS_ACCESS_KEY_ID, AWS_PROFILE, web identity token, container credentials or default profile in ~/.aws), so Terraform planned against empty local state with dummy credentials: every resource shows as added. Run `npm run plan` with credentials to see the real changes.",
      "",
    );
  } else {
    lines.push("Planned against the stack's real backend and AWS account.", "");
  }

  if (analysis.atRisk.length > 0) {
    lines.push("## ⚠ Stateful resources replaced or destroyed", "");
    for (const c of analysis.atRisk) {
      const guard = input.preventDestroy?.has(c.address)
        ? " It has prevent_destroy, so Terraform refuses to apply this; if only its address changed, move the state with `terraform state mv` or a `moved` block."
        : "";
      const what =
        c.action === "replace"
          ? "**replaced** (destroyed, then created)"
          : "**destroyed**";
      lines.push(
        `- \`${c.address}\` is ${what}: its data or key material is lost.${guard}`,
      );
    }
    lines.push("");
  } else {
    lines.push("No stateful resource is replaced or destroyed.", "");
  }

  const count = (action: PlanAction) =>
    analysis.changes.filter((c) => c.action === action).length;
  lines.push(
    "| Add | Change | Replace | Destroy |",
    "| ---: | ---: | ---: | ---: |",
    `| ${count("add")} | ${count("change")} | ${count("replace")} | ${count("destroy")} |`,
    "",
  );

  lines.push("## Named queries", "");
  if (analysis.namedQueries.length === 0) {
    lines.push("No named query changes.", "");
  } else {
    for (const q of analysis.namedQueries) lines.push(`- ${describeQuery(q)}`);
    lines.push("");
  }

  const others = analysis.changes.filter((c) => c.type !== NAMED_QUERY_TYPE);
  if (others.length > 0) {
    lines.push("## Resources", "", "| Action | Resource |", "| --- | --- |");
    for (const c of others) lines.push(`| ${c.action} | \`${c.address}\` |`);
    lines.push("");
  }

  if (input.policy) lines.push(renderMarkdown(input.policy), "");
  return lines.join("\n");
}

function describeQuery(q: NamedQueryChange): string {
  const version = (v: number | undefined) =>
    v === undefined ? "no version" : `version ${v}`;
  switch (q.action) {
    case "add":
      return `added \`${q.name}\` (${version(q.newVersion)})`;
    case "destroy":
      return `removed \`${q.name}\` (was ${version(q.oldVersion)})`;
    case "change":
    case "replace": {
      const how = q.action === "replace" ? "replaced" : "changed";
      return `${how} \`${q.name}\`: ${version(q.oldVersion)} → ${version(q.newVersion)}`;
    }
  }
}

function actionOf(actions: readonly string[]): PlanAction | undefined {
  const key = [...actions].sort().join(",");
  switch (key) {
    case "create":
      return "add";
    case "update":
      return "change";
    case "create,delete":
      return "replace";
    case "delete":
      return "destroy";
    default:
      return undefined;
  }
}

function objectOrUndefined(
  value: unknown,
): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
