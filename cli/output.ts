/**
 * Output formatters for query results: an aligned table for people, CSV
 * and JSON for programs. Rows are written as they arrive, honouring
 * backpressure, so a result of any size needs constant memory.
 */

import type { Writable } from "node:stream";
import type { QueryResult, ResultColumn, ResultValue } from "../lib/engine";

/** Output formats of `lake query run`. */
export const OUTPUT_FORMATS = ["table", "csv", "json"] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Rows the table format measures before printing; wider cells later stretch their row. */
const TABLE_BATCH = 500;

/** Text collected before one write to the stream. */
const CHUNK_CHARS = 64 * 1024;

/** Writes a query result to `out` in a format and resolves with the row count. */
export async function writeResult(
  result: QueryResult,
  format: OutputFormat,
  out: Writable,
): Promise<number> {
  const writer = new ChunkWriter(out);
  let count: number;
  switch (format) {
    case "csv":
      count = await writeCsv(result, writer);
      break;
    case "json":
      count = await writeJson(result, writer);
      break;
    case "table":
      count = await writeTable(result, writer);
      break;
  }
  await writer.flush();
  return count;
}

/**
 * Formats one CSV field by RFC 4180: quoted when it holds a comma, quote or
 * line break. NULL is an empty field and the empty string is `""`, as in
 * the CSV files Athena writes, so a reader can tell them apart.
 */
export function csvField(value: ResultValue): string {
  if (value === "") return '""';
  const text = plainText(value, "");
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A count with its noun in the right number: `1 row`, `2 rows`, `0 rows`. */
export function counted(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * Makes column names unique for JSON objects: a repeated name gets `_2`,
 * `_3`... so no value is lost.
 */
export function uniqueNames(columns: readonly ResultColumn[]): string[] {
  const seen = new Set<string>();
  return columns.map((c) => {
    let name = c.name;
    for (let n = 2; seen.has(name); n++) name = `${c.name}_${n}`;
    seen.add(name);
    return name;
  });
}

async function writeCsv(
  result: QueryResult,
  writer: ChunkWriter,
): Promise<number> {
  await writer.write(
    result.columns.map((c) => csvField(c.name)).join(",") + "\r\n",
  );
  let count = 0;
  for await (const row of result.rows) {
    await writer.write(row.map(csvField).join(",") + "\r\n");
    count++;
  }
  return count;
}

async function writeJson(
  result: QueryResult,
  writer: ChunkWriter,
): Promise<number> {
  const keys = uniqueNames(result.columns).map((n) => JSON.stringify(n) + ":");
  let count = 0;
  await writer.write("[");
  for await (const row of result.rows) {
    const fields = row.map((v, i) => keys[i] + JSON.stringify(v));
    await writer.write(
      (count === 0 ? "\n  {" : ",\n  {") + fields.join(",") + "}",
    );
    count++;
  }
  await writer.write(count === 0 ? "]\n" : "\n]\n");
  return count;
}

async function writeTable(
  result: QueryResult,
  writer: ChunkWriter,
): Promise<number> {
  const header = result.columns.map((c) => c.name);
  const numeric = result.columns.map((c) => isNumericType(c.type));
  let widths: number[] | undefined;
  let batch: string[][] = [];
  let types: boolean[][] = [];
  let count = 0;

  const flush = async () => {
    if (!widths) {
      widths = header.map((h, i) =>
        Math.max(h.length, ...batch.map((row) => row[i].length)),
      );
      await writer.write(alignRow(header, widths, []) + "\n");
      await writer.write(widths.map((w) => "-".repeat(w)).join("  ") + "\n");
    }
    for (let r = 0; r < batch.length; r++) {
      await writer.write(alignRow(batch[r], widths, types[r]) + "\n");
    }
    batch = [];
    types = [];
  };

  for await (const row of result.rows) {
    batch.push(row.map((v) => plainText(v, "NULL")));
    types.push(row.map((v, i) => numeric[i] && typeof v === "number"));
    count++;
    if (batch.length >= TABLE_BATCH) await flush();
  }
  await flush();
  return count;
}

function alignRow(
  cells: readonly string[],
  widths: readonly number[],
  right: readonly boolean[],
): string {
  return cells
    .map((cell, i) =>
      right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
    )
    .join("  ")
    .trimEnd();
}

function isNumericType(type: string): boolean {
  return /^(tinyint|smallint|integer|int|bigint|double|real|float|decimal)/.test(
    type,
  );
}

/** A value as text: strings as they are, NULL as `nullText`, arrays and objects as JSON. */
function plainText(value: ResultValue, nullText: string): string {
  if (value === null) return nullText;
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Collects small writes into larger chunks and waits for `drain` when the stream is full. */
class ChunkWriter {
  private buffer = "";

  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = "";
    if (this.out.errored) throw this.out.errored;
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

/** Waits until a full stream accepts more, failing if it errors or closes first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("error", onError);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () =>
      done(
        out.errored ?? new Error("output closed before all rows were written"),
      );
    out.on("drain", onDrain);
    out.on("error", onError);
    out.on("close", onClose);
  });
}
