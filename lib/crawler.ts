/**
 * How the Glue crawler reads the lake, derived from the layout contract: one
 * S3 target per dataset, the files it skips, and the crawler configuration
 * document that makes each dataset folder one table and each `dt=` folder a
 * partition of it.
 */
import { DATASETS, DatasetSpec, datasetPrefix } from "./layout";

/**
 * Glob patterns, relative to each target, of objects the crawler skips:
 * Spark and Hadoop markers, checksums, in-flight output and hidden files.
 * Each comes twice, since `**` followed by `/` needs at least one folder
 * and these files also sit directly in a dataset folder.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/define-crawler-choose-data-sources.html
 */
export const CRAWLER_EXCLUSIONS: readonly string[] = [
  "_SUCCESS",
  "**/_SUCCESS",
  "**.crc",
  "_temporary/**",
  "**/_temporary/**",
  ".*",
  "**/.*",
];

/** How the crawler treats folders it has seen before. */
export type RecrawlMode = "new-folders-only" | "everything";

/** Glue's names for the recrawl modes. */
export const RECRAWL_BEHAVIOR: Readonly<Record<RecrawlMode, string>> = {
  "new-folders-only": "CRAWL_NEW_FOLDERS_ONLY",
  everything: "CRAWL_EVERYTHING",
};

/** The S3 path a dataset's crawler target points at: `s3://bucket/raw/users/`. */
export function crawlerTargetPath(
  bucket: string,
  dataset: DatasetSpec,
): string {
  return `s3://${bucket}/${datasetPrefix(dataset.name)}`;
}

/**
 * The absolute folder level of the dataset folders, counting the top-level
 * folder of the bucket as 1: `raw/users/` is level 2. All datasets must sit
 * at the same level, since the crawler takes a single level; a layout
 * contract that breaks this is a bug, reported with a RangeError.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/crawler-table-level.html
 */
export function tableLevel(
  datasets: readonly DatasetSpec[] = DATASETS,
): number {
  const levels = new Set(
    datasets.map(
      (d) => datasetPrefix(d.name).split("/").filter(Boolean).length,
    ),
  );
  if (levels.size !== 1) {
    throw new RangeError(
      `Dataset folders must all sit at one level of the bucket, found levels ${[...levels].join(", ")}.`,
    );
  }
  return [...levels][0];
}

/**
 * The crawler `Configuration` document: compatible schemas are combined into
 * one table per dataset folder, partitions inherit the table's schema (so
 * they never drift from it), new columns are merged into the table, a crawl
 * that would create more tables than there are datasets fails instead, and
 * partition indexes are created on `dt`.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/crawler-configuration.html
 */
export function crawlerConfiguration(
  datasets: readonly DatasetSpec[] = DATASETS,
) {
  return {
    Version: 1.0,
    Grouping: {
      TableGroupingPolicy: "CombineCompatibleSchemas",
      TableLevelConfiguration: tableLevel(datasets),
    },
    CrawlerOutput: {
      Partitions: { AddOrUpdateBehavior: "InheritFromTable" },
      Tables: {
        AddOrUpdateBehavior: "MergeNewColumns",
        TableThreshold: datasets.length,
      },
    },
    CreatePartitionIndex: true,
  };
}
