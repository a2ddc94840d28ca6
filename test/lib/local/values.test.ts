import { DuckDBInstance } from "@duckdb/node-api";
import { athenaTypeName, toResultValue } from "../../../lib/local/values";

/** Runs one SELECT in DuckDB and converts its single row. */
async function convert(
  sql: string,
): Promise<{ types: string[]; values: unknown[] }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const reader = await connection.runAndReadAll(sql);
    return {
      types: reader.columnTypes().map(athenaTypeName),
      values: reader.getRows()[0].map(toResultValue),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("toResultValue and athenaTypeName", () => {
  test("converts integers to numbers when exact and to strings beyond 2^53", async () => {
    expect(
      await convert(
        "SELECT 42::BIGINT, 9007199254740993::BIGINT, 7::INTEGER, 2.5::DOUBLE",
      ),
    ).toEqual({
      types: ["bigint", "bigint", "integer", "double"],
      values: [42, "9007199254740993", 7, 2.5],
    });
  });

  test("types DuckDB's wider integers, such as the HUGEINT of sum(bigint), as bigint", async () => {
    expect(
      await convert(
        "SELECT sum(x), 18446744073709551615::UBIGINT, 5::UHUGEINT FROM (VALUES (9007199254740992::BIGINT), (1::BIGINT)) AS t(x)",
      ),
    ).toEqual({
      types: ["bigint", "bigint", "bigint"],
      values: ["9007199254740993", "18446744073709551615", 5],
    });
  });

  test("renders dates and timestamps as Athena's results do, to the millisecond", async () => {
    expect(
      await convert(
        "SELECT DATE '2026-11-02', TIMESTAMP '2026-11-02 08:15:00.1234', CAST('2026-11-02T08:15:00Z' AS TIMESTAMPTZ), CAST('2026-11-02T09:15:00.5+01:00' AS TIMESTAMPTZ), TIMESTAMP_MS '1969-12-31 23:59:59.999', TIMESTAMP_S '2026-11-02 08:15:07', TIMESTAMP_NS '2026-11-02 08:15:00.123456789'",
      ),
    ).toEqual({
      types: [
        "date",
        "timestamp",
        "timestamp with time zone",
        "timestamp with time zone",
        "timestamp",
        "timestamp",
        "timestamp",
      ],
      values: [
        "2026-11-02",
        "2026-11-02 08:15:00.123",
        "2026-11-02 08:15:00.000 UTC",
        "2026-11-02 08:15:00.500 UTC",
        "1969-12-31 23:59:59.999",
        "2026-11-02 08:15:07.000",
        "2026-11-02 08:15:00.123",
      ],
    });
  });

  test("floors timestamps before 1970 to the millisecond", async () => {
    expect(
      (await convert("SELECT TIMESTAMP '1969-12-31 23:59:59.9995'")).values,
    ).toEqual(["1969-12-31 23:59:59.999"]);
  });

  test("converts lists, structs and maps, and keeps decimals exact as strings", async () => {
    expect(
      await convert(
        "SELECT ['a', NULL], {'os': 'ios', 'n': 1}, MAP {'k': 2}, 12.50::DECIMAL(5,2), NULL",
      ),
    ).toEqual({
      types: [
        "array(varchar)",
        "row(os varchar, n integer)",
        "map(varchar, integer)",
        "decimal(5,2)",
        "integer",
      ],
      values: [["a", null], { os: "ios", n: 1 }, { k: 2 }, "12.50", null],
    });
  });
});
