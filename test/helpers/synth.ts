/**
 * Synthesizes stacks and constructs for tests and reads the Terraform JSON
 * they produce: resources by type, and policy documents parsed into data.
 */
import { Testing } from "cdktf";
// Types of the matchers test/setup.ts registers (toHaveResourceWithProperties, ...).
import type {} from "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { PolicyDocument, PolicyStatement } from "../../lib/iam";
import { queryVariables, resourceNames } from "../../lib/naming";
import { loadQueries } from "../../lib/queries/loader";
import { Settings } from "../../lib/settings";
import { AnalyticsStack } from "../../stacks/analytics-stack";

/**
 * Synthesized Terraform JSON. Its shape depends on the resources in it, so
 * tests index it freely and assert the values they read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TerraformJson = any;

/** The synthesized output of one stack or scope. */
export interface Synthesized {
  /** The JSON text, for the cdktf jest matchers. */
  readonly text: string;
  /** The parsed JSON. */
  readonly json: TerraformJson;
}

/**
 * Synthesizes the AnalyticsStack of one environment in a fresh app, with
 * the named queries of `queriesDirectory` (default `queries/`).
 */
export function synthStack(
  settings: Settings,
  environment = "dev",
  queriesDirectory?: string,
): Synthesized {
  const app = Testing.app();
  const stack = new AnalyticsStack(app, `analytics-${environment}`, {
    settings,
    environment,
    queries:
      queriesDirectory === undefined
        ? undefined
        : loadQueries({
            directory: queriesDirectory,
            variables: queryVariables(resourceNames(settings, environment)),
          }),
  });
  return parsed(Testing.synth(stack));
}

/** Addresses of the resources that differ between two synths, sorted. */
export function changedAddresses(
  before: Synthesized,
  after: Synthesized,
): string[] {
  const old = bodiesByAddress(before);
  const now = bodiesByAddress(after);
  return [...new Set([...old.keys(), ...now.keys()])]
    .filter((address) => old.get(address) !== now.get(address))
    .sort();
}

function bodiesByAddress(synthesized: Synthesized): Map<string, string> {
  const resources: Record<string, Record<string, unknown>> = synthesized.json
    .resource ?? {};
  return new Map(
    Object.entries(resources).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]): [string, string] => [
        `${type}.${name}`,
        JSON.stringify(body),
      ]),
    ),
  );
}

/** Synthesizes whatever `build` adds to a fresh stack. */
export function synthConstructs(
  build: (scope: Construct) => void,
): Synthesized {
  return parsed(Testing.synthScope(build));
}

/** All resources of one Terraform type, keyed by their logical name. */
export function resourcesOf(
  synthesized: Synthesized,
  type: string,
): Record<string, TerraformJson> {
  return synthesized.json.resource?.[type] ?? {};
}

/** The only resource of one type; fails when there is not exactly one. */
export function onlyResource(
  synthesized: Synthesized,
  type: string,
): TerraformJson {
  const all = Object.values(resourcesOf(synthesized, type));
  expect(all).toHaveLength(1);
  return all[0];
}

/** The resource of one type with one logical name; fails when missing. */
export function resourceNamed(
  synthesized: Synthesized,
  type: string,
  name: string,
): TerraformJson {
  const resource = resourcesOf(synthesized, type)[name];
  expect(resource).toBeDefined();
  return resource;
}

/** Parses a policy document rendered as JSON. */
export function parsePolicy(text: string): PolicyDocument {
  const document = JSON.parse(text) as PolicyDocument;
  expect(document.Version).toBe("2012-10-17");
  return document;
}

/** The statement with a given Sid; fails when missing. */
export function statementOf(
  document: PolicyDocument,
  sid: string,
): PolicyStatement {
  const found = document.Statement.find((s) => s.Sid === sid);
  expect(found).toBeDefined();
  return found as PolicyStatement;
}

/** A value that may be one item or a list, as a list. */
export function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value as T];
}

/** Every string anywhere inside a JSON value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === "object") {
    return Object.values(value).flatMap(allStrings);
  }
  return [];
}

function parsed(text: string): Synthesized {
  return { text, json: JSON.parse(text) };
}
