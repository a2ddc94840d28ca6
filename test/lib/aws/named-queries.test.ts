import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  ListNamedQueriesCommand,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import {
  findNamedQuery,
  listNamedQueries,
  type AthenaNamedQuery,
} from "../../../lib/aws/named-queries";
import { EnvironmentError, UsageError } from "../../../lib/errors";

const athenaMock = mockClient(AthenaClient);

beforeEach(() => athenaMock.reset());

function stored(id: string, name: string): AthenaNamedQuery {
  return {
    id,
    name,
    description: `about ${name}`,
    database: "analytics_dev",
    sql: "SELECT 1",
  };
}

describe("listNamedQueries", () => {
  it("follows NextToken over every page and reads the queries in batches of 50", async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `id-${i}`);
    athenaMock
      .on(ListNamedQueriesCommand, {
        WorkGroup: "analytics-dev",
        NextToken: undefined,
      })
      .resolves({ NamedQueryIds: ids.slice(0, 50), NextToken: "t1" })
      .on(ListNamedQueriesCommand, { NextToken: "t1" })
      .resolves({ NamedQueryIds: ids.slice(50, 100), NextToken: "t2" })
      .on(ListNamedQueriesCommand, { NextToken: "t2" })
      .resolves({ NamedQueryIds: ids.slice(100) });
    athenaMock
      .on(BatchGetNamedQueryCommand)
      .callsFake((input: { NamedQueryIds: string[] }) => ({
        NamedQueries: input.NamedQueryIds.map((id) => ({
          NamedQueryId: id,
          Name: `q_${id.slice(3).padStart(3, "0")}`,
          Database: "analytics_dev",
          QueryString: "SELECT 1",
        })),
      }));

    const queries = await listNamedQueries(new AthenaClient({}), {
      workgroup: "analytics-dev",
    });

    expect(queries).toHaveLength(120);
    expect(queries[0].name).toBe("q_000");
    expect(queries[119].name).toBe("q_119");
    expect(athenaMock.commandCalls(ListNamedQueriesCommand)).toHaveLength(3);
    const batches = athenaMock
      .commandCalls(BatchGetNamedQueryCommand)
      .map((c) => c.args[0].input.NamedQueryIds?.length);
    expect(batches).toEqual([50, 50, 20]);
  });

  it("sorts by code point, so capitals come first and accents last", async () => {
    const names = ["users_by_plan", "Über", "apps", "Zeta", "users_by_country"];
    athenaMock
      .on(ListNamedQueriesCommand)
      .resolves({ NamedQueryIds: names.map((_, i) => `id-${i}`) });
    athenaMock.on(BatchGetNamedQueryCommand).resolves({
      NamedQueries: names.map((name, i) => ({
        NamedQueryId: `id-${i}`,
        Name: name,
        Database: "analytics_dev",
        QueryString: "SELECT 1",
      })),
    });

    const queries = await listNamedQueries(new AthenaClient({}), {
      workgroup: "analytics-dev",
    });

    expect(queries.map((q) => q.name)).toEqual([
      "Zeta",
      "apps",
      "users_by_country",
      "users_by_plan",
      "Über",
    ]);
  });

  it("lists nothing for an empty workgroup without calling BatchGetNamedQuery", async () => {
    athenaMock.on(ListNamedQueriesCommand).resolves({ NamedQueryIds: [] });
    await expect(
      listNamedQueries(new AthenaClient({}), { workgroup: "w" }),
    ).resolves.toEqual([]);
    expect(athenaMock.commandCalls(BatchGetNamedQueryCommand)).toHaveLength(0);
  });

  it("fails when Athena cannot read some of the queries", async () => {
    athenaMock
      .on(ListNamedQueriesCommand)
      .resolves({ NamedQueryIds: ["a", "b"] });
    athenaMock.on(BatchGetNamedQueryCommand).resolves({
      NamedQueries: [
        {
          NamedQueryId: "a",
          Name: "x",
          Database: "d",
          QueryString: "SELECT 1",
        },
      ],
      UnprocessedNamedQueryIds: [
        {
          NamedQueryId: "b",
          ErrorCode: "INTERNAL_FAILURE",
          ErrorMessage: "try again",
        },
      ],
    });
    await expect(
      listNamedQueries(new AthenaClient({}), { workgroup: "analytics-dev" }),
    ).rejects.toThrow(
      new EnvironmentError(
        'Athena could not read 1 named queries of workgroup "analytics-dev": b (INTERNAL_FAILURE: try again); run again.',
      ),
    );
  });
});

describe("findNamedQuery", () => {
  const queries = [
    stored("1", "users_by_country"),
    stored("2", "apps_by_category"),
  ];

  it("picks the query with the name", () => {
    expect(
      findNamedQuery(queries, "apps_by_category", "analytics-dev", "dev").id,
    ).toBe("2");
  });

  it("rejects a missing name and suggests similar names", () => {
    expect(() =>
      findNamedQuery(queries, "users", "analytics-dev", "dev"),
    ).toThrow(
      new UsageError(
        'No named query "users" in workgroup "analytics-dev": did you mean "users_by_country"?',
      ),
    );
  });

  it("rejects a missing name and points to the list when nothing is similar", () => {
    expect(() =>
      findNamedQuery(queries, "revenue", "analytics-dev", "dev"),
    ).toThrow(
      new UsageError(
        'No named query "revenue" in workgroup "analytics-dev": run "lake query list --env dev" to see the names.',
      ),
    );
  });

  it("fails when several queries share the name", () => {
    const twice = [...queries, stored("3", "users_by_country")];
    expect(() =>
      findNamedQuery(twice, "users_by_country", "analytics-dev", "dev"),
    ).toThrow(
      new EnvironmentError(
        'Workgroup "analytics-dev" has 2 named queries called "users_by_country" (ids 1, 3): delete the extra ones with "aws athena delete-named-query --named-query-id ID".',
      ),
    );
  });
});
