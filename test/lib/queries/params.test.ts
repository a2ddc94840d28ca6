import { UsageError } from "../../../lib/errors";
import {
  QueryParam,
  bindParameters,
  literalFits,
  parseLiteral,
} from "../../../lib/queries/params";

const DT: QueryParam = { name: "dt", type: "varchar", example: "'2026-11-02'" };
const FIRST_DT: QueryParam = {
  name: "first_dt",
  type: "varchar",
  example: "'2026-11-01'",
};
const NAME: QueryParam = { name: "name", type: "varchar", example: "'x'" };
const TOP_N: QueryParam = { name: "top_n", type: "bigint", example: "10" };
const query = (...params: QueryParam[]) => ({ name: "top_apps", params });

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseLiteral", () => {
  test.each([
    ["'2026-11-02'", { type: "varchar", value: "2026-11-02" }],
    ["'it''s'", { type: "varchar", value: "it's" }],
    ["''", { type: "varchar", value: "" }],
    ["DATE '2026-11-02'", { type: "date", value: "2026-11-02" }],
    ["date'2026-02-28'", { type: "date", value: "2026-02-28" }],
    ["10", { type: "bigint", value: 10 }],
    ["-3", { type: "bigint", value: -3 }],
    ["9223372036854775807", { type: "bigint", value: "9223372036854775807" }],
    ["4.5", { type: "double", value: 4.5 }],
    ["1e3", { type: "double", value: 1000 }],
    ["TRUE", { type: "boolean", value: true }],
    ["false", { type: "boolean", value: false }],
  ])("reads %s", (literal, expected) => {
    expect(parseLiteral(literal)).toEqual(expected);
  });

  test.each([
    "2026-11-02",
    "'a'b'",
    "DATE '2026-02-30'",
    "DATE 'soon'",
    "9223372036854775808",
    "yes",
    "",
    "1 + 1",
  ])("rejects %j, which is not a single literal", (text) => {
    expect(parseLiteral(text)).toBeUndefined();
  });
});

describe("literalFits", () => {
  test("accepts a whole number where a double is expected, not the reverse", () => {
    expect(literalFits("double", "bigint")).toBe(true);
    expect(literalFits("bigint", "double")).toBe(false);
    expect(literalFits("date", "varchar")).toBe(false);
  });
});

describe("bindParameters", () => {
  test("quotes a plain varchar and doubles the quotes inside", () => {
    const bound = bindParameters(query(DT, NAME), ["2026-11-02", "O'Brien"]);

    expect(bound.executionParameters).toEqual(["'2026-11-02'", "'O''Brien'"]);
    expect(bound.values).toEqual(["2026-11-02", "O'Brien"]);
  });

  test("trims a plain varchar as it trims a quoted one", () => {
    const bound = bindParameters(query(NAME, NAME, DT), [
      "  O'Brien ",
      " 'O''Brien'  ",
      " 2026-11-02\t",
    ]);

    expect(bound.executionParameters).toEqual([
      "'O''Brien'",
      "'O''Brien'",
      "'2026-11-02'",
    ]);
    expect(bound.values).toEqual(["O'Brien", "O'Brien", "2026-11-02"]);
  });

  test("accepts a partition day quoted or not for dt and *_dt varchars", () => {
    const bound = bindParameters(query(DT, FIRST_DT), [
      "'2026-11-15'",
      "2026-02-28",
    ]);

    expect(bound.executionParameters).toEqual(["'2026-11-15'", "'2026-02-28'"]);
    expect(bound.values).toEqual(["2026-11-15", "2026-02-28"]);
  });

  test("rejects a dt or *_dt varchar that is not a calendar date YYYY-MM-DD", () => {
    const message = usageMessage(() =>
      bindParameters(
        { name: "new_users_by_day", params: [FIRST_DT, DT, NAME] },
        ["2026/11/15", "'2026-02-30'", "2026/11/15"],
      ),
    );

    expect(message).toBe(
      [
        "Query new_users_by_day has 2 problems:",
        '  - --param first_dt: must be a calendar date YYYY-MM-DD, as in the dt=YYYY-MM-DD partition folders, e.g. 2026-11-02, got "2026/11/15"',
        "  - --param dt: must be a calendar date YYYY-MM-DD, as in the dt=YYYY-MM-DD partition folders, e.g. 2026-11-02, got \"'2026-02-30'\"",
        "Fix the --param values above and run again.",
      ].join("\n"),
    );
  });

  test("keeps a varchar that already is a quoted literal", () => {
    const bound = bindParameters(query(NAME), ["'it''s'"]);

    expect(bound.executionParameters).toEqual(["'it''s'"]);
    expect(bound.values).toEqual(["it's"]);
  });

  test("passes numbers and booleans as literals and typed values", () => {
    const params: QueryParam[] = [
      TOP_N,
      { name: "min_rating", type: "double", example: "4.5" },
      { name: "min_rating_whole", type: "double", example: "4" },
      { name: "free", type: "boolean", example: "true" },
    ];
    const bound = bindParameters(query(...params), [" 25 ", "3.5", "4", "TRUE"]);

    expect(bound.executionParameters).toEqual(["25", "3.5", "4", "true"]);
    expect(bound.values).toEqual([25, 3.5, 4, true]);
  });

  test("turns a date in any usual spelling into a DATE literal", () => {
    const day: QueryParam = {
      name: "day",
      type: "date",
      example: "DATE '2026-11-02'",
    };
    const bound = bindParameters(query(day, day, day), [
      "2026-11-02",
      "'2026-11-03'",
      "DATE '2026-11-04'",
    ]);

    expect(bound.executionParameters).toEqual([
      "DATE '2026-11-02'",
      "DATE '2026-11-03'",
      "DATE '2026-11-04'",
    ]);
    expect(bound.values).toEqual(["2026-11-02", "2026-11-03", "2026-11-04"]);
  });

  test("rejects the wrong number of values, listing the parameters", () => {
    expect(usageMessage(() => bindParameters(query(DT, TOP_N), ["x"]))).toBe(
      [
        "Query top_apps takes 2 parameters, got 1 --param value. Pass one --param per parameter, in this order:",
        "  - dt varchar, e.g. '2026-11-02'",
        "  - top_n bigint, e.g. 10",
      ].join("\n"),
    );
  });

  test("rejects values for a query without parameters", () => {
    expect(usageMessage(() => bindParameters(query(), ["a", "b"]))).toBe(
      "Query top_apps takes no parameters, got 2 --param values: remove the --param options.",
    );
  });

  test("rejects values that do not fit their types, all at once", () => {
    const params: QueryParam[] = [
      TOP_N,
      { name: "min_rating", type: "double", example: "4.5" },
      { name: "day", type: "date", example: "DATE '2026-11-02'" },
      { name: "free", type: "boolean", example: "true" },
      { name: "big", type: "bigint", example: "1" },
    ];
    const message = usageMessage(() =>
      bindParameters(query(...params), [
        "ten",
        "4,5",
        "2026-02-30",
        "yes",
        "1.5",
      ]),
    );

    expect(message).toBe(
      [
        "Query top_apps has 5 problems:",
        '  - --param top_n: must be a whole number within 64 bits (bigint), e.g. 10, got "ten"',
        '  - --param min_rating: must be a number (double), e.g. 4.5, got "4,5"',
        '  - --param day: must be a calendar date YYYY-MM-DD, e.g. 2026-11-02, got "2026-02-30"',
        '  - --param free: must be true or false, got "yes"',
        '  - --param big: must be a whole number within 64 bits (bigint), e.g. 10, got "1.5"',
        "Fix the --param values above and run again.",
      ].join("\n"),
    );
  });
});
