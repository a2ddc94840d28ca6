import {
  CRAWLER_EXCLUSIONS,
  RECRAWL_BEHAVIOR,
  crawlerConfiguration,
  crawlerTargetPath,
  tableLevel,
} from "../../lib/crawler";
import { DATASETS, DatasetSpec, findDataset } from "../../lib/layout";

/** A dataset with only a name, for layouts other than the shipped one. */
function dataset(name: string): DatasetSpec {
  return { name, description: name, idField: "id", fields: [] };
}

describe("crawlerTargetPath", () => {
  test("points at the dataset's folder in the raw zone", () => {
    const users = findDataset("users") as DatasetSpec;

    expect(crawlerTargetPath("lake-bucket", users)).toBe(
      "s3://lake-bucket/raw/users/",
    );
  });
});

describe("tableLevel", () => {
  test("puts the tables of the shipped datasets at level 2", () => {
    expect(tableLevel()).toBe(2);
    expect(tableLevel(DATASETS)).toBe(2);
  });

  test("counts nested dataset folders as deeper levels", () => {
    expect(tableLevel([dataset("events/clicks")])).toBe(3);
  });

  test("fails when dataset folders sit at different levels", () => {
    expect(() =>
      tableLevel([dataset("users"), dataset("events/clicks")]),
    ).toThrow(
      new RangeError(
        "Dataset folders must all sit at one level of the bucket, found levels 2, 3.",
      ),
    );
  });
});

describe("crawlerConfiguration", () => {
  test("makes one table per dataset whose partitions inherit its schema", () => {
    // Parsed back from JSON, as Glue reads it.
    const configuration = JSON.parse(JSON.stringify(crawlerConfiguration()));

    expect(configuration).toEqual({
      Version: 1,
      Grouping: {
        TableGroupingPolicy: "CombineCompatibleSchemas",
        TableLevelConfiguration: 2,
      },
      CrawlerOutput: {
        Partitions: { AddOrUpdateBehavior: "InheritFromTable" },
        Tables: {
          AddOrUpdateBehavior: "MergeNewColumns",
          TableThreshold: DATASETS.length,
        },
      },
      CreatePartitionIndex: true,
    });
  });

  test("sets the table threshold to the number of datasets", () => {
    const three = [dataset("a"), dataset("b"), dataset("c")];

    expect(
      crawlerConfiguration(three).CrawlerOutput.Tables.TableThreshold,
    ).toBe(3);
  });
});

describe("crawler constants", () => {
  // Glue's glob rules: `**` crosses folders, `*` and `?` stay within one.
  const escape = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  const globToRegExp = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split("**")
        .map((part) =>
          part
            .split("*")
            .map((piece) => piece.split("?").map(escape).join("[^/]"))
            .join("[^/]*"),
        )
        .join(".*")}$`,
    );
  const excluded = (key: string) =>
    CRAWLER_EXCLUSIONS.some((pattern) => globToRegExp(pattern).test(key));

  test.each([
    "_SUCCESS",
    "dt=2026-11-02/_SUCCESS",
    "part-00000.json.crc",
    "dt=2026-11-02/.part-00000.json.crc",
    "_temporary/0/part-00000.json",
    "dt=2026-11-02/_temporary/0/part-00000.json",
    ".keep",
    "dt=2026-11-02/.hidden.json",
  ])("skips %s, relative to a dataset target", (key) => {
    expect(excluded(key)).toBe(true);
  });

  test.each([
    "dt=2026-11-02/part-00000.json",
    "dt=2026-11-02/part-00000.json.gz",
  ])("crawls the data file %s", (key) => {
    expect(excluded(key)).toBe(false);
  });

  test("maps recrawl modes to Glue's recrawl behaviors", () => {
    expect(RECRAWL_BEHAVIOR).toEqual({
      "new-folders-only": "CRAWL_NEW_FOLDERS_ONLY",
      everything: "CRAWL_EVERYTHING",
    });
  });
});
