/**
 * Reading the named queries of an Athena workgroup.
 */

import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  ListNamedQueriesCommand,
} from "@aws-sdk/client-athena";
import { EnvironmentError, UsageError } from "../errors";
import { callAws, type AwsCall } from "./errors";

/** BatchGetNamedQuery accepts at most 50 ids per call. */
const BATCH_SIZE = 50;

/** A named query as Athena stores it. */
export interface AthenaNamedQuery {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly database?: string;
  readonly sql: string;
}

/** Where the named queries live. */
export interface WorkgroupRef {
  readonly workgroup: string;
  /**
   * Region of the workgroup, named in error messages.
   * @default not named
   */
  readonly region?: string;
}

/**
 * Lists every named query of a workgroup, following NextToken over all
 * pages, sorted by name in Unicode code-point order.
 */
export async function listNamedQueries(
  athena: AthenaClient,
  where: WorkgroupRef,
): Promise<AthenaNamedQuery[]> {
  const call = (action: string): AwsCall => ({
    service: "Athena",
    action,
    resource: `workgroup "${where.workgroup}"`,
    region: where.region,
  });

  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws(call("ListNamedQueries"), () =>
      athena.send(
        new ListNamedQueriesCommand({
          WorkGroup: where.workgroup,
          NextToken: nextToken,
          MaxResults: BATCH_SIZE,
        }),
      ),
    );
    ids.push(...(page.NamedQueryIds ?? []));
    nextToken = page.NextToken;
  } while (nextToken);

  const queries: AthenaNamedQuery[] = [];
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const batch = await callAws(call("BatchGetNamedQuery"), () =>
      athena.send(
        new BatchGetNamedQueryCommand({
          NamedQueryIds: ids.slice(start, start + BATCH_SIZE),
        }),
      ),
    );
    const unprocessed = batch.UnprocessedNamedQueryIds ?? [];
    if (unprocessed.length > 0) {
      const details = unprocessed
        .map((u) => `${u.NamedQueryId} (${u.ErrorCode}: ${u.ErrorMessage})`)
        .join(", ");
      throw new EnvironmentError(
        `Athena could not read ${unprocessed.length} named queries of workgroup "${where.workgroup}": ${details}; run again.`,
      );
    }
    for (const q of batch.NamedQueries ?? []) {
      queries.push({
        id: q.NamedQueryId ?? "",
        name: q.Name ?? "",
        description: q.Description,
        database: q.Database,
        sql: q.QueryString ?? "",
      });
    }
  }
  // Code-point order, not the locale's: the list reads the same on every machine.
  return queries.sort((a, b) => compareCodePoints(a.name, b.name));
}

/**
 * Picks the named query called `name`.
 *
 * Throws UsageError when there is none (naming the closest names, or the
 * command that lists the names of `environment`), and EnvironmentError when
 * several share the name.
 */
export function findNamedQuery(
  queries: readonly AthenaNamedQuery[],
  name: string,
  workgroup: string,
  environment: string,
): AthenaNamedQuery {
  const matches = queries.filter((q) => q.name === name);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const ids = matches.map((q) => q.id).join(", ");
    throw new EnvironmentError(
      `Workgroup "${workgroup}" has ${matches.length} named queries called "${name}" (ids ${ids}): delete the extra ones with "aws athena delete-named-query --named-query-id ID".`,
    );
  }
  const similar = queries
    .map((q) => q.name)
    .filter((n) => n.includes(name) || name.includes(n));
  const hint =
    similar.length > 0
      ? `did you mean ${similar.map((n) => `"${n}"`).join(", ")}?`
      : `run "lake query list --env ${environment}" to see the names.`;
  throw new UsageError(
    `No named query "${name}" in workgroup "${workgroup}": ${hint}`,
  );
}

/** Orders strings by Unicode code point, independent of locale. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
