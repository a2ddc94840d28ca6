/**
 * `lake sample`: writes a reproducible sample lake to a local directory, to
 * try queries with `--local` or to load a test environment with
 * `lake upload`.
 */
import type { Command } from "commander";
import type { Writable } from "node:stream";
import {
  RawSampleOptions,
  SAMPLE_DEFAULTS,
  parseSampleOptions,
  writeSampleLake,
} from "../../lib/sample/write";

/** Streams a command writes to: results on stdout, progress on stderr. */
export interface CommandStreams {
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

/** Runs above this many user-days show progress. */
const PROGRESS_THRESHOLD = 1_000_000;

/**
 * Adds `lake sample` to the program.
 *
 * @param streams where to write; the CLI context fits.
 * @default streams the process's stdout and stderr
 */
export function registerSampleCommand(
  program: Command,
  streams: CommandStreams = { stdout: process.stdout, stderr: process.stderr },
): void {
  program
    .command("sample")
    .description(
      "Write a sample lake (users change feed and daily apps catalogue) as JSON lines in the data bucket's layout. The same arguments always give byte-identical files.",
    )
    .requiredOption("--out <dir>", "directory to create the lake in")
    .option(
      "--days <n>",
      `number of daily partitions (default ${SAMPLE_DEFAULTS.days})`,
    )
    .option(
      "--users <n>",
      `users signing up over the period (default ${SAMPLE_DEFAULTS.users})`,
    )
    .option(
      "--apps <n>",
      `apps in the catalogue (default ${SAMPLE_DEFAULTS.apps})`,
    )
    .option("--seed <n>", `random seed (default ${SAMPLE_DEFAULTS.seed})`)
    .option(
      "--end-date <date>",
      `last partition date YYYY-MM-DD (default ${SAMPLE_DEFAULTS.endDate})`,
    )
    .option("--gzip", "write .json.gz files")
    .option(
      "--force",
      "replace a lake written to --out before; a directory holding anything else is never replaced",
    )
    .action(async (raw: RawSampleOptions) => {
      await sample(raw, streams);
    });
}

async function sample(
  raw: RawSampleOptions,
  streams: CommandStreams,
): Promise<void> {
  const options = parseSampleOptions(raw);
  const showProgress = options.users * options.days >= PROGRESS_THRESHOLD;
  const bar = new ProgressBar(streams.stderr);
  const summary = await writeSampleLake(
    options,
    showProgress ? (done, total) => bar.update(done, total) : undefined,
  );
  bar.done();
  streams.stdout.write(
    `Wrote ${summary.files.toLocaleString("en-US")} files, ${summary.records.toLocaleString("en-US")} records, ${formatBytes(summary.bytes)} to ${summary.directory}\n`,
  );
}

/** A bar redrawn in place on a terminal, a line per tenth otherwise. */
class ProgressBar {
  private drawn = false;
  private lastTenth = -1;

  constructor(private readonly stream: CommandStreams["stderr"]) {}

  update(done: number, total: number): void {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const text = `Writing partitions ${done}/${total}`;
    if (this.stream.isTTY) {
      const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
      this.stream.write(`\r\x1b[2K[${bar}] ${text}`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== this.lastTenth) this.stream.write(`${text}\n`);
    this.lastTenth = tenth;
  }

  done(): void {
    if (this.drawn) this.stream.write("\r\x1b[2K");
    this.drawn = false;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
