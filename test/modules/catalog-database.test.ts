import { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
import { CatalogDatabase } from "../../modules/catalog-database";
import { onlyResource, synthConstructs } from "../helpers/synth";

describe("CatalogDatabase", () => {
  test("creates the database in the account's catalog and keeps it from being destroyed", () => {
    let name = "";
    const synthesized = synthConstructs((scope) => {
      name = new CatalogDatabase(scope, "CatalogDatabase", {
        name: "analytics_dev",
        accountId: "111111111111",
        description: "Tables of the dev lake.",
      }).name;
    });

    expect(name).toBe("analytics_dev");
    expect(synthesized.text).toHaveResourceWithProperties(GlueCatalogDatabase, {
      name: "analytics_dev",
      catalog_id: "111111111111",
      description: "Tables of the dev lake.",
    });
    expect(
      onlyResource(synthesized, "aws_glue_catalog_database").lifecycle,
    ).toEqual({ prevent_destroy: true });
  });
});
