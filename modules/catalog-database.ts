import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { Construct } from "constructs";

/** Properties of the CatalogDatabase. */
export interface CatalogDatabaseProps {
  /** Database name: lowercase letters, digits and underscores. */
  readonly name: string;
  /** Account whose Data Catalog holds the database. */
  readonly accountId: string;
  /** What the database holds, shown in the Glue and Athena consoles. */
  readonly description: string;
}

/**
 * The Glue Data Catalog database holding one table per dataset. Terraform
 * refuses to destroy it: dropping it drops every table and partition the
 * crawler has built.
 */
export class CatalogDatabase extends Construct {
  /** The database resource. */
  readonly database: GlueCatalogDatabase;
  /** The database name. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: CatalogDatabaseProps) {
    super(scope, id);

    this.name = props.name;
    this.database = new GlueCatalogDatabase(this, "Resource", {
      name: props.name,
      catalogId: props.accountId,
      description: props.description,
      lifecycle: { preventDestroy: true },
    });
  }
}
