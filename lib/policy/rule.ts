/**
 * What a policy rule is and what it sees: the resources of one stack with
 * lookups for the links between them (a bucket's encryption, a crawler's
 * security configuration).
 */
import { PolicyResource, ResourceSource, StackResources } from "./resources";

/** A resource that breaks a rule, and what exactly is wrong with it. */
export interface Violation {
  /** Terraform address of the resource at fault. */
  readonly address: string;
  /** What is wrong, with the value found. */
  readonly message: string;
}

/** One policy rule. */
export interface PolicyRule {
  /** Stable id, e.g. `S3-001`; suppressions refer to it. */
  readonly id: string;
  /** What every resource it covers must do, in one line. */
  readonly statement: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix a violation in this project. */
  readonly fix: string;
  /** Finds the resources of a stack that break the rule. */
  check(stack: StackView): Violation[];
}

/** One stack's resources with lookups for the links between them. */
export class StackView {
  /** Stack id. */
  readonly stack: string;
  /** Whether the resources come from a synth or a plan. */
  readonly source: ResourceSource;
  /** Every managed resource, sorted by address. */
  readonly resources: readonly PolicyResource[];

  constructor(input: StackResources) {
    this.stack = input.stack;
    this.source = input.source;
    this.resources = input.resources;
  }

  /** The resources of the given types. */
  ofType(...types: string[]): PolicyResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /**
   * The resources of a type whose attribute names the target: by a
   * reference to it, or by the literal value of the target's own attribute
   * (a bucket name, a security configuration name).
   */
  linkedTo(
    type: string,
    attribute: string,
    target: PolicyResource,
    targetAttribute: string,
  ): PolicyResource[] {
    return this.ofType(type).filter((r) =>
      this.names(r, attribute, target, targetAttribute),
    );
  }

  /** The resource of a type that an attribute of `from` names, if any. */
  target(
    from: PolicyResource,
    attribute: string,
    type: string,
    targetAttribute: string,
  ): PolicyResource | undefined {
    return this.ofType(type).find((t) =>
      this.names(from, attribute, t, targetAttribute),
    );
  }

  private names(
    from: PolicyResource,
    attribute: string,
    target: PolicyResource,
    targetAttribute: string,
  ): boolean {
    if (from.references[attribute]?.includes(target.address)) return true;
    const literal = target.values[targetAttribute];
    return typeof literal === "string" && from.values[attribute] === literal;
  }
}
