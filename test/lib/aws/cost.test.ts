import {
  estimateQueryCost,
  formatBytes,
  formatUsd,
} from "../../../lib/aws/cost";

describe("estimateQueryCost", () => {
  it("charges USD 5 per TB scanned", () => {
    expect(estimateQueryCost(2 ** 40)).toBeCloseTo(5, 10);
    expect(estimateQueryCost(3 * 2 ** 40)).toBeCloseTo(15, 10);
  });

  it("charges at least 10 MB per query", () => {
    const tenMb = (10 * 2 ** 20 * 5) / 2 ** 40;
    expect(estimateQueryCost(0)).toBeCloseTo(tenMb, 15);
    expect(estimateQueryCost(1024)).toBeCloseTo(tenMb, 15);
  });

  it("rounds the bytes up to whole megabytes", () => {
    const elevenMb = (11 * 2 ** 20 * 5) / 2 ** 40;
    expect(estimateQueryCost(10 * 2 ** 20 + 1)).toBeCloseTo(elevenMb, 15);
  });
});

describe("formatBytes", () => {
  it("uses powers of 1024 with a readable precision", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.50 KB");
    expect(formatBytes(123 * 2 ** 20)).toBe("123.0 MB");
    expect(formatBytes(2 ** 40)).toBe("1.00 TB");
  });
});

describe("formatUsd", () => {
  it("shows the 10 MB minimum charge with two significant digits", () => {
    expect(formatUsd(estimateQueryCost(0))).toBe("USD 0.000048");
  });

  it("keeps two significant digits below a cent and cents above", () => {
    expect(formatUsd(0.000238)).toBe("USD 0.00024");
    expect(formatUsd(0.0123)).toBe("USD 0.012");
    expect(formatUsd(0.5)).toBe("USD 0.50");
    expect(formatUsd(12.3456)).toBe("USD 12.35");
    expect(formatUsd(0)).toBe("USD 0");
  });
});
