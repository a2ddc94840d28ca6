import { athenaParameters } from "../../cli/named-query-text";
import { UsageError } from "../../lib/errors";

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
