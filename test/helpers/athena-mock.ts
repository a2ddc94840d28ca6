/**
 * Set-ups of a mocked Athena client (aws-sdk-client-mock) shared by the
 * tests of commands that run named queries.
 */

import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
  type NamedQuery,
} from "@aws-sdk/client-athena";
import type { AwsClientStub } from "aws-sdk-client-mock";

/**
 * Makes the workgroup hold these named queries and starts every query
 * execution as `q-1`.
 */
export function mockNamedQueries(
  athenaMock: AwsClientStub<AthenaClient>,
  namedQueries: readonly NamedQuery[],
): void {
  athenaMock.on(ListNamedQueriesCommand).resolves({
    NamedQueryIds: namedQueries.map((q) => q.NamedQueryId ?? ""),
  });
  athenaMock
    .on(BatchGetNamedQueryCommand)
    .resolves({ NamedQueries: [...namedQueries] });
  athenaMock
    .on(StartQueryExecutionCommand)
    .resolves({ QueryExecutionId: "q-1" });
}
