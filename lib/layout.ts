/**
 * The lake layout contract: which datasets exist, where their files live in
 * the data bucket and how they are partitioned. The stacks (crawler targets,
 * IAM scopes), the CLI and the sample data generator all read this one
 * definition, and the README documents it for the teams that write data.
 *
 * Objects are JSON lines, optionally gzip-compressed, under
 * `raw/<dataset>/dt=YYYY-MM-DD/`.
 */

/** Top-level prefix (zone) of raw data in the data bucket. */
export const RAW_ZONE = "raw";

/** The partition key of every dataset: the export date, `YYYY-MM-DD`. */
export const PARTITION_KEY = "dt";

/** File name extensions producers may write; `.gz` objects are gzip-compressed. */
export const DATA_FILE_EXTENSIONS = [".json", ".json.gz"] as const;

/** A field of a dataset's records, as producers write it. */
export interface FieldSpec {
  /** Key of the field in each JSON record; also the column name. */
  readonly name: string;
  /** JSON shape of the value, e.g. `string`, `boolean`, `array<struct<...>>`. */
  readonly json: string;
  /** Whether producers may leave the field out of a record. */
  readonly optional: boolean;
  /** What the field means. */
  readonly description: string;
  /** First partition date from which producers write the field, if it came later. */
  readonly since?: string;
}

/** A dataset of the lake: one Glue table, one folder under the raw zone. */
export interface DatasetSpec {
  /** Dataset name; also the Glue table name analysts query. */
  readonly name: string;
  /** What one record is and what one partition holds. */
  readonly description: string;
  /** Field holding the record's identifier. */
  readonly idField: string;
  /** Fields of a record, in the order producers write them. */
  readonly fields: readonly FieldSpec[];
}

/** Datasets of the lake. Table names equal these names. */
export const DATASETS: readonly DatasetSpec[] = [
  {
    name: "users",
    description:
      "Change feed of user metadata: one record per user per day on which the user signed up or their metadata changed. A user's latest record is their current state.",
    idField: "user_id",
    fields: [
      {
        name: "user_id",
        json: "string",
        optional: false,
        description: "Stable user identifier, e.g. `u-000042`.",
      },
      {
        name: "signup_ts",
        json: "string",
        optional: false,
        description: "Sign-up time, ISO-8601 UTC, e.g. `2026-11-02T08:15:00Z`.",
      },
      {
        name: "updated_at",
        json: "string",
        optional: false,
        description: "Time of this record's change, ISO-8601 UTC.",
      },
      {
        name: "country",
        json: "string",
        optional: true,
        description: "ISO 3166-1 alpha-2 country code; missing when unknown.",
      },
      {
        name: "platform",
        json: "string",
        optional: false,
        description: "Platform of sign-up: `ios`, `android` or `web`.",
      },
      {
        name: "locale",
        json: "string",
        optional: true,
        description: "BCP 47 locale, e.g. `en-US`.",
      },
      {
        name: "plan",
        json: "string",
        optional: false,
        description: "Subscription tier: `free`, `plus` or `pro`.",
      },
      {
        name: "opt_ins",
        json: "struct<email:boolean,push:boolean,sms:boolean>",
        optional: true,
        description: "Marketing consents per channel.",
      },
      {
        name: "devices",
        json: "array<struct<device_id:string,os:string,os_version:string,app_version:string>>",
        optional: false,
        description:
          "The user's devices with OS and client app versions; may be empty.",
      },
      {
        name: "installed_apps",
        json: "array<string>",
        optional: false,
        description: "`app_id`s of apps the user has installed; may be empty.",
      },
      {
        name: "referral_source",
        json: "string",
        optional: true,
        since: "2026-11-15",
        description:
          "Acquisition channel, e.g. `organic`, `ads`, `friend`; written from 2026-11-15 on.",
      },
    ],
  },
  {
    name: "apps",
    description:
      "Daily snapshot of the app catalogue: one record per app per day.",
    idField: "app_id",
    fields: [
      {
        name: "app_id",
        json: "string",
        optional: false,
        description: "Stable app identifier, e.g. `a-0007`.",
      },
      {
        name: "name",
        json: "string",
        optional: false,
        description: "Display name.",
      },
      {
        name: "category",
        json: "string",
        optional: false,
        description: "Store category, e.g. `games`, `productivity`.",
      },
      {
        name: "publisher",
        json: "struct<publisher_id:string,name:string>",
        optional: false,
        description: "Publisher of the app.",
      },
      {
        name: "current_version",
        json: "string",
        optional: false,
        description: "Latest released version, e.g. `3.2.0`.",
      },
      {
        name: "versions",
        json: "array<string>",
        optional: false,
        description: "All released versions, oldest first.",
      },
      {
        name: "released_at",
        json: "string",
        optional: false,
        description: "First release time, ISO-8601 UTC.",
      },
      {
        name: "platforms",
        json: "array<string>",
        optional: false,
        description: "Platforms the app ships on: `ios`, `android`, `web`.",
      },
      {
        name: "rating",
        json: "number",
        optional: true,
        description: "Average store rating 1.0-5.0; missing for unrated apps.",
      },
      {
        name: "installs",
        json: "integer",
        optional: false,
        description: "Cumulative installs as of the partition date.",
      },
      {
        name: "price_usd",
        json: "number",
        optional: false,
        description: "Price in US dollars; 0 for free apps.",
      },
    ],
  },
];

/** Key prefix of a dataset's folder, with a trailing slash: `raw/users/`. */
export function datasetPrefix(dataset: string): string {
  return `${RAW_ZONE}/${dataset}/`;
}

/** Key prefix of one partition of a dataset: `raw/users/dt=2026-11-02/`. */
export function partitionPrefix(dataset: string, date: string): string {
  return `${datasetPrefix(dataset)}${PARTITION_KEY}=${date}/`;
}

/** Looks up a dataset by name. */
export function findDataset(name: string): DatasetSpec | undefined {
  return DATASETS.find((d) => d.name === name);
}
