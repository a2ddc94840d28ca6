/**
 * Where a command's data goes: stdout, or a file written atomically (a
 * temporary file in the same folder, renamed into place once complete).
 */

import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { UsageError, systemReason } from "../lib/errors";

/** A destination for data that is either committed or discarded. */
export interface DataSink {
  readonly stream: Writable;
  /** Completes the output: for a file, flushes it and renames it into place. */
  commit(): Promise<void>;
  /** Abandons the output: for a file, removes the temporary file. */
  discard(): Promise<void>;
}

/**
 * Opens stdout, or a temporary file next to `file` that becomes `file` on
 * commit. Opening the file first means a bad path fails before any query
 * runs. Throws UsageError when `file` is a folder, when its folder does not
 * exist, or when the file cannot be created or renamed into place.
 */
export async function openSink(
  file: string | undefined,
  stdout: Writable,
): Promise<DataSink> {
  if (file === undefined) {
    return { stream: stdout, commit: async () => {}, discard: async () => {} };
  }
  await checkOutputPath(file);
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const stream = createWriteStream(temp, { flags: "wx" });
  try {
    await once(stream, "open");
  } catch (error) {
    throw new UsageError(
      `Cannot write --output ${JSON.stringify(file)}: ${systemReason(error as NodeJS.ErrnoException)}; choose a file in an existing folder you may write to.`,
    );
  }
  // Errors surface through the writer and commit(); keep them from crashing the process.
  stream.on("error", () => undefined);
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream);
      try {
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw new UsageError(
          `Cannot write --output ${JSON.stringify(file)}: ${systemReason(error as NodeJS.ErrnoException)}; the result was not saved; choose a file in an existing folder you may write to.`,
        );
      }
    },
    async discard() {
      stream.destroy();
      await finished(stream).catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}

/** Refuses a folder, or a file whose folder is missing, before any query runs. */
async function checkOutputPath(file: string): Promise<void> {
  const shown = JSON.stringify(file);
  const target = await stat(file).catch(() => undefined);
  if (target?.isDirectory()) {
    throw new UsageError(
      `Cannot write --output ${shown}: it is a folder; give a file name, for example ${JSON.stringify(join(file, "result.csv"))}.`,
    );
  }
  const folder = dirname(file);
  const parent = await stat(folder).catch(() => undefined);
  if (parent === undefined) {
    throw new UsageError(
      `Cannot write --output ${shown}: the folder ${JSON.stringify(folder)} does not exist; create it or choose a file in an existing folder.`,
    );
  }
  if (!parent.isDirectory()) {
    throw new UsageError(
      `Cannot write --output ${shown}: ${JSON.stringify(folder)} is not a folder; choose a file in an existing folder.`,
    );
  }
}
