/**
 * Streams a simulated Athena result of 1,000,000 rows (1,000 pages of 1,000
 * rows) through the query runner and the CSV and JSON formatters into a
 * sink that discards the bytes, and reports throughput and memory. Memory
 * should stay flat: the heap grows by a few MB, not by the size of the
 * output.
 *
 * Run with `npm run bench:stream` (add `-- --rows N` for another size).
 */

import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type GetQueryResultsOutput,
  type Row,
} from "@aws-sdk/client-athena";
import { Writable } from "node:stream";
import { runAthenaQuery } from "../lib/aws/query-execution";
import { writeResult, type OutputFormat } from "../cli/output";

const PAGE_ROWS = 1000;
const MB = 2 ** 20;

const COLUMNS = [
  { Name: "user_id", Type: "varchar" },
  { Name: "country", Type: "varchar" },
  { Name: "installs", Type: "bigint" },
  { Name: "rating", Type: "double" },
  { Name: "opted_in", Type: "boolean" },
  { Name: "dt", Type: "varchar" },
];

interface Measurement {
  readonly format: OutputFormat;
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly heapGrowthMb: number;
}

async function main(): Promise<void> {
  // Same choice as bin/lake.js: the SDK's Node 22 notice is not what this measures.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const rows = rowsArgument(process.argv.slice(2));
  process.stderr.write(
    `Streaming ${rows.toLocaleString("en-US")} simulated Athena rows per format (pages of ${PAGE_ROWS})...\n`,
  );
  const results: Measurement[] = [];
  for (const format of ["csv", "json"] as const) {
    results.push(await measure(format, rows));
  }
  for (const r of results) {
    process.stdout.write(
      `${r.format.padEnd(4)}  ${r.rows.toLocaleString("en-US")} rows  ` +
        `${(r.bytes / MB).toFixed(1)} MB written  ${r.seconds.toFixed(2)} s  ` +
        `${Math.round(r.rows / r.seconds).toLocaleString("en-US")} rows/s  ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB  peak heap growth ${r.heapGrowthMb.toFixed(1)} MB\n`,
    );
  }
}

async function measure(
  format: OutputFormat,
  totalRows: number,
): Promise<Measurement> {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 20);

  const started = process.hrtime.bigint();
  const run = await runAthenaQuery(new FakeAthena(totalRows), {
    sql: "SELECT * FROM users",
    parameters: [],
    workgroup: "bench",
    database: "bench",
  });
  const sink = new CountingSink();
  const rows = await writeResult(run.result, format, sink);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);

  if (rows !== totalRows) {
    throw new RangeError(`expected ${totalRows} rows, streamed ${rows}`);
  }
  return {
    format,
    rows,
    bytes: sink.bytes,
    seconds,
    peakRssMb: peakRss / MB,
    heapGrowthMb: (peakHeap - heapBefore) / MB,
  };
}

/**
 * An Athena client whose query succeeds at once and whose result pages are
 * built on demand. It keeps no record of calls (aws-sdk-client-mock's sinon
 * stubs remember every response, which would measure the mock, not the
 * stream).
 */
class FakeAthena extends AthenaClient {
  constructor(private readonly totalRows: number) {
    super({ region: "eu-west-1" });
  }

  override send(command: unknown): Promise<never> {
    return Promise.resolve(this.answer(command) as never);
  }

  private answer(command: unknown): unknown {
    if (command instanceof StartQueryExecutionCommand) {
      return { QueryExecutionId: "bench" };
    }
    if (command instanceof GetQueryExecutionCommand) {
      return {
        QueryExecution: {
          StatementType: "DML",
          Status: { State: "SUCCEEDED" },
          Statistics: { DataScannedInBytes: 0 },
        },
      };
    }
    if (command instanceof GetQueryResultsCommand) {
      return this.page(command.input.NextToken);
    }
    throw new TypeError(`unexpected command ${String(command)}`);
  }

  private page(nextToken: string | undefined): GetQueryResultsOutput {
    const pages = Math.ceil(this.totalRows / PAGE_ROWS);
    const page = nextToken ? Number(nextToken) : 0;
    const first = page * PAGE_ROWS;
    const count = Math.min(PAGE_ROWS, this.totalRows - first);
    const rows: Row[] = [];
    if (page === 0) {
      rows.push({ Data: COLUMNS.map((c) => ({ VarCharValue: c.Name })) });
    }
    for (let i = first; i < first + count; i++) rows.push(row(i));
    return {
      ResultSet: { ResultSetMetadata: { ColumnInfo: COLUMNS }, Rows: rows },
      NextToken: page + 1 < pages ? String(page + 1) : undefined,
    };
  }
}

function row(i: number): Row {
  return {
    Data: [
      { VarCharValue: `u-${String(i).padStart(7, "0")}` },
      i % 17 === 0 ? {} : { VarCharValue: ["DE", "FR", "US", "BR"][i % 4] },
      { VarCharValue: String(i * 37) },
      { VarCharValue: (1 + (i % 40) / 10).toFixed(1) },
      { VarCharValue: i % 3 === 0 ? "true" : "false" },
      { VarCharValue: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}` },
    ],
  };
}

/** Discards what it is given, counting bytes, asynchronously like a real stream. */
class CountingSink extends Writable {
  bytes = 0;

  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: () => void,
  ): void {
    this.bytes += chunk.length;
    setImmediate(done);
  }
}

function rowsArgument(args: readonly string[]): number {
  const index = args.indexOf("--rows");
  if (index < 0) return 1_000_000;
  const rows = Number(args[index + 1]);
  if (!Number.isSafeInteger(rows) || rows <= 0) {
    throw new RangeError(
      `--rows must be a positive whole number, got ${JSON.stringify(args[index + 1])}`,
    );
  }
  return rows;
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
