import {
  DATASETS,
  DATA_FILE_EXTENSIONS,
  PARTITION_KEY,
  RAW_ZONE,
  datasetPrefix,
  findDataset,
  partitionPrefix,
} from "../../lib/layout";

describe("the lake layout", () => {
  test("keeps raw data in the raw zone, partitioned by dt", () => {
    expect(RAW_ZONE).toBe("raw");
    expect(PARTITION_KEY).toBe("dt");
    expect(DATA_FILE_EXTENSIONS).toEqual([".json", ".json.gz"]);
  });

  test("defines the users and apps datasets", () => {
    expect(DATASETS.map((d) => d.name)).toEqual(["users", "apps"]);
    expect(findDataset("users")?.idField).toBe("user_id");
    expect(findDataset("apps")?.idField).toBe("app_id");
  });

  test.each(DATASETS.map((d) => [d.name, d] as const))(
    "gives the %s dataset unique fields that include its id field",
    (_name, dataset) => {
      const names = dataset.fields.map((f) => f.name);

      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain(dataset.idField);
      expect(names).not.toContain(PARTITION_KEY);
      const id = dataset.fields.find((f) => f.name === dataset.idField);
      expect(id).toMatchObject({ json: "string", optional: false });
      for (const field of dataset.fields) {
        expect(field.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(field.description.length).toBeGreaterThan(0);
      }
    },
  );

  test("marks fields added later as optional with a date", () => {
    const later = DATASETS.flatMap((d) => d.fields).filter((f) => f.since);

    expect(later.map((f) => f.name)).toEqual(["referral_source"]);
    for (const field of later) {
      expect(field.optional).toBe(true);
      expect(field.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test("places a dataset's folder under the raw zone with a trailing slash", () => {
    expect(datasetPrefix("users")).toBe("raw/users/");
    expect(datasetPrefix("apps")).toBe("raw/apps/");
  });

  test("places a partition's folder under its dataset", () => {
    expect(partitionPrefix("users", "2026-11-02")).toBe(
      "raw/users/dt=2026-11-02/",
    );
  });

  test("finds no dataset for an unknown name", () => {
    expect(findDataset("events")).toBeUndefined();
  });
});
