import { athenaParameters, readDescription } from "../../cli/named-query-text";
import { UsageError } from "../../lib/errors";

describe("readDescription", () => {
  it("reads summary, version and typed parameters", () => {
    expect(
      readDescription(
        "Users per plan as of a day.\nPlans from the latest record.\nVersion 3. Parameters: as_of_dt varchar, e.g. '2026-11-30'; top bigint, e.g. 10.",
      ),
    ).toEqual({
      summary: "Users per plan as of a day. Plans from the latest record.",
      version: 3,
      params: [
        { name: "as_of_dt", type: "varchar", example: "'2026-11-30'" },
        { name: "top", type: "bigint", example: "10" },
      ],
    });
  });

  it("reads a query without parameters", () => {
    expect(readDescription("All apps.\nVersion 1. No parameters.")).toEqual({
      summary: "All apps.",
      version: 1,
      params: [],
    });
  });

  it("keeps a description of another form as the summary, without parameters", () => {
    expect(readDescription("Written by hand")).toEqual({
      summary: "Written by hand",
    });
    expect(readDescription(undefined)).toEqual({ summary: "" });
    expect(
      readDescription("x\nVersion 2. Parameters: dt text, e.g. 'a'."),
    ).toEqual({ summary: "x", version: 2 });
  });
});

describe("athenaParameters", () => {
  const described =
    "x\nVersion 1. Parameters: day date, e.g. DATE '2026-11-02'.";

  it("converts values by the declared types", () => {
    expect(
      athenaParameters("q", "SELECT ? AS d", described, ["2026-11-02"]),
    ).toEqual(["DATE '2026-11-02'"]);
  });

  it("ignores a ? inside a string literal or comment when counting", () => {
    expect(
      athenaParameters("q", "SELECT '?' AS a, ? AS b -- why?\n", undefined, [
        "it's",
      ]),
    ).toEqual(["'it''s'"]);
  });

  it("rejects values that do not match the ? count", () => {
    expect(() => athenaParameters("q", "SELECT 1", undefined, ["1"])).toThrow(
      new UsageError(
        "Query q has 0 ? parameters, got 1 --param value: pass one --param per ?, in order.",
      ),
    );
  });
});
