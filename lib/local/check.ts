/**
 * `lake query check --local`: runs every named query once on a local lake
 * with the example parameters from its header, to show that each one runs
 * and what it returns.
 */
import { performance } from "node:perf_hooks";
import { NamedQuery } from "../queries/loader";
import { LocalLake } from "./lake";

/** The outcome of running one named query with its example parameters. */
export interface QueryCheck {
  readonly name: string;
  /** Rows returned; 0 when the query failed. */
  readonly rows: number;
  /** Wall-clock time to run the query and read every row. */
  readonly millis: number;
  /** Why the query failed, as one message; absent on success. */
  readonly error?: string;
}

/**
 * Runs each query in turn with its header's example parameters and reads
 * every row. A failing query is reported in its entry; the others still run.
 */
export async function checkQueries(
  lake: LocalLake,
  queries: readonly NamedQuery[],
): Promise<QueryCheck[]> {
  const checks: QueryCheck[] = [];
  for (const query of queries) {
    const started = performance.now();
    let rows = 0;
    try {
      const result = await lake.run(
        query,
        query.params.map((p) => p.example),
      );
      for await (const row of result.rows) {
        void row;
        rows += 1;
      }
      checks.push({ name: query.name, rows, millis: elapsed(started) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      checks.push({
        name: query.name,
        rows: 0,
        millis: elapsed(started),
        error: message,
      });
    }
  }
  return checks;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
