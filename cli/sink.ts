/**
 * Where a command's data goes: stdout, or a file written atomically (a
 * temporary file in the same folder, renamed into place once complete).
 */

import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { UsageError } from "../lib/errors";

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
 * runs. Throws UsageError when the file cannot be created.
 */
export async function openSink(
  file: string | undefined,
  stdout: Writable,
): Promise<DataSink> {
  if (file === undefined) {
    return { stream: stdout, commit: async () => {}, discard: async () => {} };
  }
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const stream = createWriteStream(temp, { flags: "wx" });
  try {
    await once(stream, "open");
  } catch (error) {
    throw new UsageError(
      `Cannot write --output ${JSON.stringify(file)}: ${(error as Error).message}; choose a file in an existing folder you may write to.`,
    );
  }
  // Errors surface through the writer and commit(); keep them from crashing the process.
  stream.on("error", () => undefined);
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream);
      await rename(temp, file);
    },
    async discard() {
      stream.destroy();
      await finished(stream).catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}
