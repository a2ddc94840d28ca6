import { parseHeader } from "../../../lib/queries/header";

const FILE = "queries/users/x.sql";

describe("parseHeader", () => {
  test("reads summary, version and parameters, and where the statement starts", () => {
    const text = [
      "-- Users per country",
      "-- on one day.",
      "--",
      "-- Counts distinct ids.",
      "-- version: 2",
      "-- param: dt varchar '2026-11-02'",
      "-- param: min_rating double 4",
      "SELECT 1",
      "-- trailing comment, part of the statement",
    ].join("\n");

    const { header, problems } = parseHeader(text, FILE);

    expect(problems).toEqual([]);
    expect(header).toEqual({
      summary: "Users per country on one day.\nCounts distinct ids.",
      version: 2,
      versionLine: 5,
      params: [
        { name: "dt", type: "varchar", example: "'2026-11-02'" },
        { name: "min_rating", type: "double", example: "4" },
      ],
      paramLines: [6, 7],
      statementLine: 8,
      statement: "SELECT 1\n-- trailing comment, part of the statement",
    });
  });

  test("keeps an example with spaces and reads directives in any case", () => {
    const text = "-- S.\n-- Version: 1\n-- PARAM: day date DATE '2026-11-02'\nSELECT 1";

    const { header, problems } = parseHeader(text, FILE);

    expect(problems).toEqual([]);
    expect(header.params).toEqual([
      { name: "day", type: "date", example: "DATE '2026-11-02'" },
    ]);
  });

  test("ends the header at the first line that is not a comment", () => {
    const text = "-- S.\n-- version: 1\n\n-- version: 2\nSELECT 1";

    const { header, problems } = parseHeader(text, FILE);

    expect(problems).toEqual([]);
    expect(header.version).toBe(1);
    expect(header.statementLine).toBe(3);
  });

  test("rejects a header without summary or version", () => {
    expect(parseHeader("SELECT 1", FILE).problems).toEqual([
      {
        path: "queries/users/x.sql:1",
        message:
          "has no summary: open the file with `--` comment lines that tell an analyst what the query answers",
      },
      {
        path: "queries/users/x.sql:1",
        message:
          "has no `-- version: N` line: add `-- version: 1` to the comment lines at the top",
      },
    ]);
  });

  test.each(["0", "-1", "1.5", "v2", ""])(
    "rejects the version %j",
    (version) => {
      const { header, problems } = parseHeader(
        `-- S.\n-- version: ${version}\nSELECT 1`,
        FILE,
      );

      expect(header.version).toBeUndefined();
      expect(problems).toEqual([
        {
          path: "queries/users/x.sql:2",
          message: `\`-- version:\` must be a positive integer such as 1, got ${JSON.stringify(version)}`,
        },
      ]);
    },
  );

  test("rejects a second version line", () => {
    const { problems } = parseHeader(
      "-- S.\n-- version: 1\n-- version: 2\nSELECT 1",
      FILE,
    );

    expect(problems).toEqual([
      {
        path: "queries/users/x.sql:3",
        message:
          "has a second `-- version:` line (the first is on line 2): keep only one",
      },
    ]);
  });

  test("rejects examples that are not literals of the declared type", () => {
    const text = [
      "-- S.",
      "-- version: 1",
      "-- param: a varchar 2026-11-02",
      "-- param: b boolean 1",
      "-- param: c double 'x'",
      "SELECT 1",
    ].join("\n");

    const { header, problems } = parseHeader(text, FILE);

    expect(header.params).toEqual([]);
    expect(header.paramLines).toEqual([3, 4, 5]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `queries/users/x.sql:3: the example of a varchar parameter must be a varchar literal as Athena takes it, e.g. '2026-11-02', got "2026-11-02"`,
      'queries/users/x.sql:4: the example of a boolean parameter must be a boolean literal as Athena takes it, e.g. true, got "1"',
      `queries/users/x.sql:5: the example of a double parameter must be a double literal as Athena takes it, e.g. 4.5, got "'x'"`,
    ]);
  });
});
