/**
 * Writes a sample lake to disk in the layout of the data bucket, streaming
 * record by record. The lake is written to a temporary folder beside the
 * target and renamed into place at the end, so a failed or interrupted run
 * leaves nothing half-written.
 */
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { once } from "node:events";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import {
  Problem,
  UsageError,
  describeProblems,
  ruleBroken,
  systemReason,
} from "../errors";
import {
  DATA_FILE_EXTENSIONS,
  PARTITION_KEY,
  RAW_ZONE,
  findDataset,
  partitionPrefix,
} from "../layout";
import { SampleGenerator, SampleRecord, SampleSpec } from "./generate";

/** Records per file; larger partitions are split into `part-00001`, ... */
export const RECORDS_PER_FILE = 50_000;

/** Defaults of `lake sample`. */
export const SAMPLE_DEFAULTS = {
  days: 30,
  users: 1_000,
  apps: 50,
  seed: 1,
  // Fixed, not today: the same arguments always give the same lake.
  endDate: "2026-11-30",
} as const;

/** Options of one sample run. */
export interface SampleOptions extends SampleSpec {
  /** Lake directory to create. */
  readonly out: string;
  /** Whether to gzip files (`.json.gz`). */
  readonly gzip: boolean;
  /** Whether to replace an `out` that holds nothing but a lake. */
  readonly force: boolean;
}

/** Options as the command line gives them, before validation. */
export interface RawSampleOptions {
  readonly out?: string;
  readonly days?: string;
  readonly users?: string;
  readonly apps?: string;
  readonly seed?: string;
  readonly endDate?: string;
  readonly gzip?: boolean;
  readonly force?: boolean;
}

/** What a sample run wrote. */
export interface SampleSummary {
  readonly directory: string;
  readonly files: number;
  readonly records: number;
  readonly bytes: number;
}

/** Foreign entries a refusal to replace `--out` names before "and N more". */
const FOREIGN_SHOWN = 3;

/** How to fix each file-system failure that is not a bug. */
const WRITE_HINTS: Readonly<Record<string, string>> = {
  EACCES: "choose a directory you may write to",
  EPERM: "choose a directory you may write to",
  EROFS: "the disk is read-only; choose a directory on a writable disk",
  ENOTDIR: "a part of the path is a file; choose another path",
  ENOSPC: "free some disk space or choose a directory on another disk",
};

/** What each level of a lake holds: the zone, datasets, partitions, data files. */
const LAKE_LEVELS: readonly {
  folder: (name: string) => boolean;
  file: (name: string) => boolean;
}[] = [
  { folder: (name) => name === RAW_ZONE, file: () => false },
  { folder: (name) => findDataset(name) !== undefined, file: () => false },
  {
    folder: (name) =>
      name.startsWith(`${PARTITION_KEY}=`) &&
      isCalendarDate(name.slice(PARTITION_KEY.length + 1)),
    file: () => false,
  },
  {
    folder: () => false,
    file: (name) =>
      !name.startsWith(".") &&
      DATA_FILE_EXTENSIONS.some((extension) => name.endsWith(extension)),
  },
];

/** Progress after each partition date: dates done out of all. */
export type SampleProgress = (done: number, total: number) => void;

const INTEGER_OPTIONS = [
  { key: "days", flag: "--days", min: 1, max: 3_660 },
  { key: "users", flag: "--users", min: 1, max: 999_999 },
  { key: "apps", flag: "--apps", min: 1, max: 9_999 },
  { key: "seed", flag: "--seed", min: 0, max: 4_294_967_295 },
] as const;

/**
 * Validates command-line options, collecting every problem.
 *
 * @throws UsageError listing each bad option with its value and rule.
 */
export function parseSampleOptions(raw: RawSampleOptions): SampleOptions {
  const problems: Problem[] = [];
  const numbers: Record<string, number> = {};
  for (const option of INTEGER_OPTIONS) {
    const text = raw[option.key];
    const fallback = SAMPLE_DEFAULTS[option.key];
    if (text === undefined) {
      numbers[option.key] = fallback;
      continue;
    }
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
    if (
      !Number.isSafeInteger(value) ||
      value < option.min ||
      value > option.max
    ) {
      const rule = `must be a whole number from ${option.min.toLocaleString("en-US")} to ${option.max.toLocaleString("en-US")}`;
      problems.push(ruleBroken(option.flag, rule, text));
    }
    numbers[option.key] = value;
  }
  const endDate = raw.endDate ?? SAMPLE_DEFAULTS.endDate;
  if (!isCalendarDate(endDate)) {
    problems.push(
      ruleBroken("--end-date", "must be a calendar date YYYY-MM-DD", endDate),
    );
  }
  if (raw.out === undefined || raw.out.trim() === "") {
    problems.push(
      ruleBroken(
        "--out",
        "must name the directory to write the lake to",
        raw.out,
      ),
    );
  }
  if (problems.length > 0) {
    throw new UsageError(
      describeProblems(
        "lake sample",
        problems,
        "Fix the options above and run again.",
      ),
    );
  }
  return {
    out: raw.out as string,
    days: numbers.days,
    users: numbers.users,
    apps: numbers.apps,
    seed: numbers.seed,
    endDate,
    gzip: raw.gzip ?? false,
    force: raw.force ?? false,
  };
}

/**
 * Generates and writes a sample lake to `options.out`.
 *
 * @throws UsageError when `out` is a file, or a non-empty directory and
 * `force` is not set, or holds anything but a lake even with `force`; when
 * the folder `out` goes in does not exist; and when the disk refuses the
 * write (no permission, read-only, full).
 */
export async function writeSampleLake(
  options: SampleOptions,
  onProgress?: SampleProgress,
): Promise<SampleSummary> {
  try {
    return await writeLake(options, onProgress);
  } catch (error) {
    throw writeProblem(options.out, error) ?? error;
  }
}

async function writeLake(
  options: SampleOptions,
  onProgress?: SampleProgress,
): Promise<SampleSummary> {
  const target = resolve(options.out);
  checkTarget(options.out, target, options.force);

  const staging = join(
    dirname(target),
    `.${basename(target)}.partial-${process.pid}`,
  );
  await rm(staging, { recursive: true, force: true });
  try {
    const counts = await writeDays(staging, options, onProgress);
    // Checked again: the directory may have changed while the lake was written.
    checkTarget(options.out, target, options.force);
    if (existsSync(target)) await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return { directory: target, ...counts };
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

async function writeDays(
  root: string,
  options: SampleOptions,
  onProgress?: SampleProgress,
): Promise<{ files: number; records: number; bytes: number }> {
  const generator = new SampleGenerator(options);
  const extension = options.gzip ? ".json.gz" : ".json";
  let files = 0;
  let records = 0;
  let bytes = 0;
  let done = 0;
  await mkdir(root, { recursive: true });
  for (const day of generator.days()) {
    for (const [dataset, rows] of [
      ["users", day.users],
      ["apps", day.apps],
    ] as const) {
      for (let part = 0; part * RECORDS_PER_FILE < rows.length; part += 1) {
        const folder = join(root, partitionPrefix(dataset, day.date));
        const file = join(
          folder,
          `part-${String(part).padStart(5, "0")}${extension}`,
        );
        const chunk = rows.slice(
          part * RECORDS_PER_FILE,
          (part + 1) * RECORDS_PER_FILE,
        );
        await mkdir(folder, { recursive: true });
        await writeJsonLines(file, chunk, options.gzip);
        files += 1;
        records += chunk.length;
        bytes += statSync(file).size;
      }
    }
    done += 1;
    onProgress?.(done, generator.dates.length);
  }
  return { files, records, bytes };
}

/** Writes records as JSON lines, gzip-compressed if asked, respecting backpressure. */
async function writeJsonLines(
  file: string,
  records: readonly SampleRecord[],
  gzip: boolean,
): Promise<void> {
  const output = createWriteStream(file);
  // Node's gzip writes no file name and a zero mtime, so output is reproducible.
  const gzipper = gzip ? createGzip({ level: 6 }) : undefined;
  if (gzipper) gzipper.pipe(output);
  const sink: Writable = gzipper ?? output;
  for (const record of records) {
    if (!sink.write(`${JSON.stringify(record)}\n`)) await once(sink, "drain");
  }
  sink.end();
  await finished(output);
}

function checkTarget(given: string, target: string, force: boolean): void {
  const parent = dirname(target);
  if (!existsSync(parent)) {
    throw new UsageError(
      `lake sample: --out ${JSON.stringify(given)} cannot be created: the folder ${JSON.stringify(parent)} does not exist; create it first or choose another path.`,
    );
  }
  if (!statSync(parent).isDirectory()) {
    throw new UsageError(
      `lake sample: --out ${JSON.stringify(given)} cannot be created: ${JSON.stringify(parent)} is a file, not a directory; choose another path.`,
    );
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) {
    throw new UsageError(
      `lake sample: --out ${JSON.stringify(given)} is a file, not a directory: choose another path.`,
    );
  }
  if (readdirSync(target).length === 0) return;
  if (!force) {
    throw new UsageError(
      `lake sample: --out ${JSON.stringify(given)} is not empty: choose an empty or new directory, or pass --force to replace a lake written there before.`,
    );
  }
  const foreign = foreignEntries(target);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, FOREIGN_SHOWN).map((e) => JSON.stringify(e));
    const more = foreign.length - shown.length;
    const list =
      more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
    throw new UsageError(
      `lake sample: --out ${JSON.stringify(given)} holds more than a lake (${list}), so --force does not replace it: --force replaces only a directory holding nothing but ${RAW_ZONE}/<dataset>/${PARTITION_KEY}=YYYY-MM-DD/ folders of ${DATA_FILE_EXTENSIONS.join(" or ")} files. Choose another --out, or empty the directory yourself.`,
    );
  }
}

/**
 * Entries of `root` that are not part of a lake in the layout, relative to
 * it, directories with a trailing `/`. A foreign directory is one entry; its
 * contents are not listed. Links are foreign, never followed.
 */
function foreignEntries(root: string): string[] {
  const foreign: string[] = [];
  const visit = (relativePath: string, depth: number): void => {
    const folder = join(root, relativePath);
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const path =
        relativePath === "" ? entry.name : `${relativePath}/${entry.name}`;
      const expected = LAKE_LEVELS[depth];
      if (entry.isDirectory() && expected.folder(entry.name)) {
        visit(path, depth + 1);
      } else if (entry.isFile() && expected.file(entry.name)) {
        continue;
      } else {
        foreign.push(entry.isDirectory() ? `${path}/` : path);
      }
    }
  };
  visit("", 0);
  return foreign;
}

/**
 * A usage error for a file-system failure the person running the command can
 * fix (permissions, a read-only or full disk, a file in the way), or
 * undefined for any other error.
 */
function writeProblem(given: string, error: unknown): UsageError | undefined {
  const { code, message, path } = error as NodeJS.ErrnoException;
  const hint = code === undefined ? undefined : WRITE_HINTS[code];
  if (hint === undefined || typeof message !== "string") return undefined;
  const where = path === undefined ? "" : ` at ${JSON.stringify(path)}`;
  return new UsageError(
    `lake sample: cannot write --out ${JSON.stringify(given)}: ${systemReason(error as NodeJS.ErrnoException)}${where}; ${hint}.`,
  );
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === text
  );
}
