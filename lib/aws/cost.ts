/**
 * Approximate Athena cost of a query from the bytes it scanned.
 */

/** USD charged per TB (2^40 bytes) scanned, at the Athena list price assumed here. */
export const USD_PER_TB_SCANNED = 5;

/** Smallest amount billed per query: 10 MB. */
export const MINIMUM_BILLED_BYTES = 10 * 2 ** 20;

const MB = 2 ** 20;
const TB = 2 ** 40;

/**
 * Estimates the cost of one query in USD.
 *
 * Assumes the list price of USD 5 per TB with bytes rounded up to whole
 * MB and a 10 MB minimum per query. Regional prices, discounts and
 * provisioned capacity are not taken into account.
 * @see https://aws.amazon.com/athena/pricing/
 */
export function estimateQueryCost(bytesScanned: number): number {
  const billed = Math.max(
    Math.ceil(bytesScanned / MB) * MB,
    MINIMUM_BILLED_BYTES,
  );
  return (billed / TB) * USD_PER_TB_SCANNED;
}

/**
 * Formats an amount in USD for people with two significant digits, so the
 * smallest charge still shows: `USD 0.000048`, `USD 0.0012`, `USD 0.50`.
 * Amounts of a dollar or more get cents: `USD 12.35`.
 */
export function formatUsd(usd: number): string {
  if (usd <= 0) return "USD 0";
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(usd)));
  return `USD ${usd.toFixed(decimals)}`;
}

/** Formats a byte count for people: `0 B`, `12.3 MB`, `1.02 TB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ${units[unit]}`;
}
