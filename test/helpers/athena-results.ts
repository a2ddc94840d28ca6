/**
 * Builders of Athena API responses for tests of the Athena operations.
 */

import type {
  GetQueryExecutionOutput,
  GetQueryResultsOutput,
  QueryExecutionState,
} from "@aws-sdk/client-athena";

/** A GetQueryExecution response in a state, with bytes scanned. */
export function executionIn(
  state: QueryExecutionState,
  options: {
    reason?: string;
    bytes?: number;
    statementType?: "DML" | "DDL" | "UTILITY";
  } = {},
): GetQueryExecutionOutput {
  return {
    QueryExecution: {
      QueryExecutionId: "q-1",
      StatementType: options.statementType ?? "DML",
      Status: { State: state, StateChangeReason: options.reason },
      Statistics: {
        DataScannedInBytes: options.bytes ?? 0,
        EngineExecutionTimeInMillis: 1200,
      },
    },
  };
}

/**
 * One GetQueryResults page: column metadata, an optional header row (as
 * Athena sends on the first page of a SELECT), and rows of cell text where
 * null stands for SQL NULL.
 */
export function resultPage(
  columns: readonly { name: string; type: string }[],
  rows: readonly (readonly (string | null)[])[],
  options: { header?: boolean; nextToken?: string } = {},
): GetQueryResultsOutput {
  const cells = (values: readonly (string | null)[]) => ({
    Data: values.map((v) => (v === null ? {} : { VarCharValue: v })),
  });
  const header = options.header ? [cells(columns.map((c) => c.name))] : [];
  return {
    ResultSet: {
      ResultSetMetadata: {
        ColumnInfo: columns.map((c) => ({ Name: c.name, Type: c.type })),
      },
      Rows: [...header, ...rows.map(cells)],
    },
    NextToken: options.nextToken,
  };
}

/** Collects every row of an async iterable. */
export async function collectRows<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** An error shaped like one the AWS SDK throws for a service response. */
export function serviceError(name: string, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
  });
}
