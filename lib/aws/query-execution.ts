/**
 * Running one statement on Athena: start it, poll it with backoff until it
 * ends, then stream its result pages.
 */

import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type GetQueryResultsOutput,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import type { QueryResult, ResultColumn, ResultValue } from "../engine";
import {
  callAws,
  QueryFailedError,
  QueryTimeoutError,
  type AwsCall,
} from "./errors";
import { athenaValue } from "./values";
import { backoff, sleep } from "./wait";

/** How long a query may run before the wait gives up: 30 minutes. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30 * 60 * 1000;

/** GetQueryResults returns at most 1,000 rows per page. */
const PAGE_SIZE = 1000;

/** What a wait for a query reports on each poll. */
export interface QueryProgress {
  readonly executionId: string;
  /** `QUEUED`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`. */
  readonly state: string;
  /** Time since the query was started. */
  readonly elapsedMs: number;
  /** Bytes scanned so far, as Athena reports it. */
  readonly bytesScanned: number;
}

/** The statement to run and where. */
export interface AthenaQueryOptions {
  readonly sql: string;
  /** Athena literals for the `?` placeholders, in order (`'text'`, `42`, `DATE '2026-11-02'`). */
  readonly parameters: readonly string[];
  readonly workgroup: string;
  readonly database: string;
  /**
   * Region, named in error messages.
   * @default not named
   */
  readonly region?: string;
  /**
   * Longest wait for the query to end; the query is stopped when it passes.
   * @default DEFAULT_QUERY_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * First delay between polls; it doubles up to `maxPollMs`.
   * @default 500
   */
  readonly initialPollMs?: number;
  /**
   * Longest delay between polls.
   * @default 5000
   */
  readonly maxPollMs?: number;
  /**
   * Stops the query (StopQueryExecution) and ends the wait.
   * @default no interruption
   */
  readonly signal?: AbortSignal;
  /**
   * Called after each poll.
   * @default no reports
   */
  readonly onProgress?: (progress: QueryProgress) => void;
  /**
   * Called with the execution id as soon as the query is started.
   * @default no report
   */
  readonly onStarted?: (executionId: string) => void;
}

/** A finished Athena query whose rows are read on demand. */
export interface AthenaQueryRun {
  readonly executionId: string;
  readonly bytesScanned: number;
  /** Engine time as Athena reports it. */
  readonly engineMillis: number;
  readonly result: QueryResult;
}

/**
 * Runs a statement on Athena and returns its result once it succeeded.
 *
 * Throws QueryFailedError when the query ends FAILED or CANCELLED,
 * QueryTimeoutError on timeout (after stopping the query), and the signal's
 * reason when interrupted (after stopping the query).
 */
export async function runAthenaQuery(
  athena: AthenaClient,
  options: AthenaQueryOptions,
): Promise<AthenaQueryRun> {
  const call = (action: string): AwsCall => ({
    service: "Athena",
    action,
    resource: `workgroup "${options.workgroup}"`,
    region: options.region,
  });
  const { signal } = options;
  signal?.throwIfAborted();
  const started = Date.now();

  const start = await callAws(call("StartQueryExecution"), () =>
    athena.send(
      new StartQueryExecutionCommand({
        QueryString: options.sql,
        WorkGroup: options.workgroup,
        QueryExecutionContext: { Database: options.database },
        // Athena rejects an empty list: leave it out when there is nothing to bind.
        ExecutionParameters:
          options.parameters.length > 0 ? [...options.parameters] : undefined,
      }),
    ),
  );
  const executionId = start.QueryExecutionId ?? "";
  options.onStarted?.(executionId);

  const stop = () =>
    callAws(call("StopQueryExecution"), () =>
      athena.send(
        new StopQueryExecutionCommand({ QueryExecutionId: executionId }),
      ),
    );

  let execution: QueryExecution | undefined;
  try {
    execution = await waitForQuery(athena, executionId, started, options, call);
  } catch (error) {
    if (signal?.aborted || error instanceof QueryTimeoutError) await stop();
    throw error;
  }

  const stats = execution.Statistics;
  const first = await callAws(call("GetQueryResults"), () =>
    athena.send(
      new GetQueryResultsCommand({
        QueryExecutionId: executionId,
        MaxResults: PAGE_SIZE,
      }),
    ),
  );
  const columns: ResultColumn[] = (
    first.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []
  ).map((c) => ({
    name: c.Name ?? "",
    type: (c.Type ?? "varchar").toLowerCase(),
  }));
  // SELECT results repeat the column names as their first row; SHOW and DESCRIBE do not.
  const skipHeader = (execution.StatementType ?? "DML") === "DML";

  return {
    executionId,
    bytesScanned: stats?.DataScannedInBytes ?? 0,
    engineMillis: stats?.EngineExecutionTimeInMillis ?? 0,
    result: {
      columns,
      rows: resultRows(
        athena,
        executionId,
        columns,
        first,
        skipHeader,
        signal,
        call,
      ),
    },
  };
}

async function waitForQuery(
  athena: AthenaClient,
  executionId: string,
  started: number,
  options: AthenaQueryOptions,
  call: (action: string) => AwsCall,
): Promise<QueryExecution> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const delays = backoff(
    options.initialPollMs ?? 500,
    options.maxPollMs ?? 5000,
  );
  for (;;) {
    const response = await callAws(call("GetQueryExecution"), () =>
      athena.send(
        new GetQueryExecutionCommand({ QueryExecutionId: executionId }),
      ),
    );
    const execution = response.QueryExecution ?? {};
    const state = execution.Status?.State ?? "UNKNOWN";
    const bytesScanned = execution.Statistics?.DataScannedInBytes ?? 0;
    options.onProgress?.({
      executionId,
      state,
      elapsedMs: Date.now() - started,
      bytesScanned,
    });
    if (state === "SUCCEEDED") return execution;
    if (state === "FAILED" || state === "CANCELLED") {
      throw new QueryFailedError(
        executionId,
        state,
        execution.Status?.StateChangeReason ?? "",
        bytesScanned,
      );
    }
    // The last sleep is cut short so the wait ends at the timeout, not before.
    const remaining = timeoutMs - (Date.now() - started);
    if (remaining <= 0) {
      throw new QueryTimeoutError(executionId, timeoutMs, bytesScanned);
    }
    const delay = delays.next().value as number;
    await sleep(Math.min(delay, remaining), options.signal);
  }
}

async function* resultRows(
  athena: AthenaClient,
  executionId: string,
  columns: readonly ResultColumn[],
  first: GetQueryResultsOutput,
  skipHeader: boolean,
  signal: AbortSignal | undefined,
  call: (action: string) => AwsCall,
): AsyncGenerator<readonly ResultValue[]> {
  let page: GetQueryResultsOutput = first;
  let skip = skipHeader ? 1 : 0;
  for (;;) {
    const rows = page.ResultSet?.Rows ?? [];
    for (let r = skip; r < rows.length; r++) {
      const data = rows[r].Data ?? [];
      yield columns.map((c, i) => athenaValue(c.type, data[i]?.VarCharValue));
    }
    skip = 0;
    const nextToken = page.NextToken;
    if (!nextToken) return;
    signal?.throwIfAborted();
    page = await callAws(call("GetQueryResults"), () =>
      athena.send(
        new GetQueryResultsCommand({
          QueryExecutionId: executionId,
          NextToken: nextToken,
          MaxResults: PAGE_SIZE,
        }),
      ),
    );
  }
}
