import { AthenaNamedQuery } from "@cdktf/provider-aws/lib/athena-named-query";
import { Construct } from "constructs";
import { NamedQuery } from "../lib/queries/loader";

/** Properties of NamedQueries. */
export interface NamedQueriesProps {
  /** The loaded, validated and templated queries. */
  readonly queries: readonly NamedQuery[];
  /** Workgroup the queries are saved in. */
  readonly workgroup: string;
  /** Glue database the queries run against. */
  readonly database: string;
}

/**
 * One Athena named query per `.sql` file. Every argument of a named query
 * forces replacement, so each resource is addressed by its query name alone:
 * adding, editing or removing one file touches exactly one resource.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/athena_named_query
 */
export class NamedQueries extends Construct {
  /** Named query resources by query name. */
  readonly resources: ReadonlyMap<string, AthenaNamedQuery>;

  constructor(scope: Construct, id: string, props: NamedQueriesProps) {
    super(scope, id);

    const resources = new Map<string, AthenaNamedQuery>();
    for (const query of props.queries) {
      resources.set(
        query.name,
        new AthenaNamedQuery(this, query.name, {
          name: query.name,
          description: query.description,
          workgroup: props.workgroup,
          database: props.database,
          query: query.sql,
        }),
      );
    }
    this.resources = resources;
  }
}
