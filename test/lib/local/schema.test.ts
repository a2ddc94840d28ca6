import { PlatformError } from "../../../lib/errors";
import { DatasetSpec, findDataset } from "../../../lib/layout";
import { datasetColumns, parseShape } from "../../../lib/local/schema";

describe("datasetColumns", () => {
  test("types the users table like the Glue crawler, with dt last as a string", () => {
    const columns = datasetColumns(findDataset("users") as DatasetSpec);
    expect(columns.map((c) => `${c.name} ${c.glue}`)).toEqual([
      "user_id string",
      "signup_ts string",
      "updated_at string",
      "country string",
      "platform string",
      "locale string",
      "plan string",
      "opt_ins struct<email:boolean,push:boolean,sms:boolean>",
      "devices array<struct<device_id:string,os:string,os_version:string,app_version:string>>",
      "installed_apps array<string>",
      "referral_source string",
      "dt string",
    ]);
  });

  test("gives DuckDB integers as BIGINT and numbers as DOUBLE", () => {
    const columns = datasetColumns(findDataset("apps") as DatasetSpec);
    const byName = Object.fromEntries(columns.map((c) => [c.name, c.duckdb]));
    expect(byName).toMatchObject({
      publisher: 'STRUCT("publisher_id" VARCHAR, "name" VARCHAR)',
      versions: "VARCHAR[]",
      rating: "DOUBLE",
      installs: "BIGINT",
      price_usd: "DOUBLE",
      dt: "VARCHAR",
    });
  });
});

describe("parseShape", () => {
  test("rejects an unknown scalar, naming the field and the position", () => {
    expect(() => parseShape("array<date>", "users.when")).toThrow(
      new PlatformError(
        'lib/layout.ts: field users.when has the JSON shape "array<date>", which is not string, boolean, integer, number, array<...> or struct<name:shape,...> (stopped at character 11); fix the shape in lib/layout.ts.',
      ),
    );
  });

  test("rejects trailing text", () => {
    expect(() => parseShape("string>", "apps.name")).toThrow(
      'field apps.name has the JSON shape "string>"',
    );
  });
});
