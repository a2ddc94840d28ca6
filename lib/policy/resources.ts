/**
 * The view of a stack that policy rules read: its managed resources with
 * their attribute values, the resources each attribute refers to, the
 * effective tags and `prevent_destroy`. Built either from a synthesized
 * `cdk.tf.json` or from a plan (`terraform show -json`), so one rule set
 * checks both.
 */
import { PlatformError } from "../errors";

/** Stands for a value Terraform only knows after apply. */
export const UNKNOWN = "(known after apply)";

/** Where a stack's resources were read from. */
export type ResourceSource = "synth" | "plan";

/** One managed resource as the rules see it. */
export interface PolicyResource {
  /** Terraform address, `<type>.<name>`. */
  readonly address: string;
  /** Resource type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /**
   * Attribute values in Terraform's snake case. Unresolved references stay
   * as `${...}` strings in a synth; values unknown in a plan are UNKNOWN.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /** Addresses of the resources each top-level attribute refers to. */
  readonly references: Readonly<Record<string, readonly string[]>>;
  /**
   * Whether Terraform refuses to destroy it.
   * @default undefined: not known (a plan read without its synth)
   */
  readonly preventDestroy?: boolean;
  /**
   * Tags AWS will hold (provider default tags merged with the resource's);
   * undefined when the type has no tags or the tags are not known yet.
   * @default undefined: no tags to check
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Whether the resource type supports tags. */
  readonly taggable: boolean;
}

/** The resources of one stack. */
export interface StackResources {
  /** Stack id, e.g. `analytics-dev`. */
  readonly stack: string;
  readonly source: ResourceSource;
  readonly resources: readonly PolicyResource[];
}

type Json = Record<string, unknown>;

const REFERENCE = /\$\{\s*((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;

/** Reads a synthesized stack (`cdk.tf.json`) into policy resources. */
export function resourcesFromSynth(
  stack: string,
  synth: unknown,
): StackResources {
  const doc = asObject(synth, `synthesized stack ${stack}`);
  const defaultTags = providerDefaultTags(doc);
  const resources: PolicyResource[] = [];
  for (const [type, byName] of Object.entries(asObject(doc.resource ?? {}))) {
    for (const [name, raw] of Object.entries(asObject(byName))) {
      const { lifecycle, provider, ...rest } = asObject(raw);
      const values = withoutMetadata(rest);
      const taggable = isTaggable(type);
      const ownTags = stringMap(values.tags);
      resources.push({
        address: `${type}.${name}`,
        type,
        values,
        references: referencesIn(values),
        preventDestroy: asObject(lifecycle ?? {}).prevent_destroy === true,
        tags: taggable
          ? { ...defaultTags.get(providerKey(provider)), ...ownTags }
          : undefined,
        taggable,
      });
    }
  }
  return { stack, source: "synth", resources: sortByAddress(resources) };
}

/**
 * Reads a plan (`terraform show -json`) into the resources that will exist
 * after apply. A plan does not record `prevent_destroy`; pass the synth of
 * the same stack to take it from there.
 */
export function resourcesFromPlan(
  stack: string,
  plan: unknown,
  synth?: unknown,
): StackResources {
  const doc = asObject(plan, `plan of ${stack}`);
  const fromSynth = synth
    ? new Map(
        resourcesFromSynth(stack, synth).resources.map((r) => [r.address, r]),
      )
    : undefined;
  const configured = new Map<string, Json>();
  const config = asObject(asObject(doc.configuration ?? {}).root_module ?? {});
  for (const entry of asArray(config.resources)) {
    const resource = asObject(entry);
    configured.set(
      String(resource.address),
      asObject(resource.expressions ?? {}),
    );
  }

  const resources: PolicyResource[] = [];
  for (const entry of asArray(doc.resource_changes)) {
    const rc = asObject(entry);
    const change = asObject(rc.change ?? {});
    if (rc.mode !== "managed" || change.after === null) continue;
    if (rc.module_address !== undefined) continue;
    const address = String(rc.address);
    const type = String(rc.type);
    const values = asObject(mergeUnknown(change.after, change.after_unknown));
    const taggable = "tags_all" in values;
    const tagsAll = values.tags_all;
    resources.push({
      address,
      type,
      values,
      references: expressionReferences(configured.get(address) ?? {}),
      preventDestroy: fromSynth?.get(address)?.preventDestroy,
      tags: taggable && tagsAll !== UNKNOWN ? stringMap(tagsAll) : undefined,
      taggable,
    });
  }
  return { stack, source: "plan", resources: sortByAddress(resources) };
}

/** A value as a list of blocks: Terraform JSON writes a single block as an object. */
export function blocks(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first block of a nested block attribute, or an empty object. */
export function block(value: unknown): Json {
  return blocks(value)[0] ?? {};
}

/** Whether a value is set: not null, not empty, possibly known only after apply. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** Whether the AWS provider supports tags on a resource type. */
export function isTaggable(type: string): boolean {
  const known = taggableTypes.get(type);
  if (known !== undefined) return known;
  const answer = providerClassHasTags(type);
  taggableTypes.set(type, answer);
  return answer;
}

const taggableTypes = new Map<string, boolean>();

function providerClassHasTags(type: string): boolean {
  if (!/^aws_[a-z0-9_]+$/.test(type)) return false;
  const file = type.slice("aws_".length).replace(/_/g, "-");
  let exports: Record<string, unknown>;
  try {
    // Deep path per type: loading the package root would load every class.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exports = require(`@cdktf/provider-aws/lib/${file}`);
  } catch {
    return false;
  }
  const resourceClass = Object.values(exports).find(
    (value): value is { prototype: object } =>
      typeof value === "function" &&
      (value as { tfResourceType?: string }).tfResourceType === type,
  );
  return resourceClass !== undefined && "tags" in resourceClass.prototype;
}

function providerDefaultTags(doc: Json): Map<string, Record<string, string>> {
  const tags = new Map<string, Record<string, string>>();
  for (const config of blocks(asObject(doc.provider ?? {}).aws)) {
    const key =
      typeof config.alias === "string" ? `aws.${config.alias}` : "aws";
    tags.set(key, stringMap(block(config.default_tags).tags) ?? {});
  }
  return tags;
}

function providerKey(provider: unknown): string {
  return typeof provider === "string"
    ? provider.replace(/^\$\{|\}$/g, "")
    : "aws";
}

function referencesIn(values: Json): Record<string, string[]> {
  const references: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    const found = new Set<string>();
    for (const match of JSON.stringify(value).matchAll(REFERENCE)) {
      found.add(match[1]);
    }
    if (found.size > 0) references[key] = [...found].sort();
  }
  return references;
}

function expressionReferences(expressions: Json): Record<string, string[]> {
  const references: Record<string, string[]> = {};
  for (const [key, expression] of Object.entries(expressions)) {
    const found = new Set<string>();
    collectReferences(expression, found);
    if (found.size > 0) references[key] = [...found].sort();
  }
  return references;
}

function collectReferences(expression: unknown, found: Set<string>): void {
  if (Array.isArray(expression)) {
    for (const item of expression) collectReferences(item, found);
    return;
  }
  if (!isObject(expression)) return;
  for (const [key, value] of Object.entries(expression)) {
    if (key === "references") {
      for (const ref of asArray(value)) {
        const parts = String(ref).split(".");
        const size = parts[0] === "data" ? 3 : 2;
        if (parts.length >= size) found.add(parts.slice(0, size).join("."));
      }
    } else {
      collectReferences(value, found);
    }
  }
}

/** Replaces the parts of `after` that are unknown until apply with UNKNOWN. */
function mergeUnknown(after: unknown, unknown: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(unknown)) {
    const known = Array.isArray(after) ? after : [];
    const length = Math.max(known.length, unknown.length);
    return Array.from({ length }, (_, i) => mergeUnknown(known[i], unknown[i]));
  }
  if (isObject(unknown)) {
    const known = isObject(after) ? after : {};
    const merged: Json = { ...known };
    for (const [key, value] of Object.entries(unknown)) {
      merged[key] = mergeUnknown(known[key], value);
    }
    return merged;
  }
  return after;
}

function withoutMetadata(values: Json): Json {
  const { "//": _metadata, ...rest } = values;
  void _metadata;
  return rest;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string") map[key] = item;
  }
  return map;
}

function sortByAddress(resources: PolicyResource[]): PolicyResource[] {
  return resources.sort((a, b) =>
    a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, what = "value"): Json {
  if (isObject(value)) return value;
  throw new PlatformError(
    `Expected the ${what} to be a JSON object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}; pass the parsed cdk.tf.json or terraform show -json output.`,
  );
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
