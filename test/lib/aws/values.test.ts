import { athenaValue } from "../../../lib/aws/values";

describe("athenaValue", () => {
  it("turns a cell without a value into null", () => {
    expect(athenaValue("varchar", undefined)).toBeNull();
    expect(athenaValue("bigint", undefined)).toBeNull();
  });

  it("turns integers within 2^53 into numbers and larger ones into strings", () => {
    expect(athenaValue("integer", "42")).toBe(42);
    expect(athenaValue("bigint", "-7")).toBe(-7);
    expect(athenaValue("bigint", "9223372036854775807")).toBe(
      "9223372036854775807",
    );
  });

  it("turns doubles into numbers but keeps NaN and infinities as text", () => {
    expect(athenaValue("double", "4.5")).toBe(4.5);
    expect(athenaValue("real", "1.0E-3")).toBe(0.001);
    expect(athenaValue("double", "NaN")).toBe("NaN");
    expect(athenaValue("double", "Infinity")).toBe("Infinity");
  });

  it("turns booleans into booleans", () => {
    expect(athenaValue("boolean", "true")).toBe(true);
    expect(athenaValue("boolean", "false")).toBe(false);
  });

  it("keeps decimals, dates, timestamps, text and complex types as text", () => {
    expect(athenaValue("decimal", "12.50")).toBe("12.50");
    expect(athenaValue("date", "2026-11-02")).toBe("2026-11-02");
    expect(athenaValue("timestamp", "2026-11-02 08:15:00.000")).toBe(
      "2026-11-02 08:15:00.000",
    );
    expect(athenaValue("varchar", "")).toBe("");
    expect(athenaValue("array", "[a, b]")).toBe("[a, b]");
  });

  it("keeps an empty cell of a numeric column as an empty string", () => {
    expect(athenaValue("bigint", "")).toBe("");
  });
});
