import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSink } from "../../cli/sink";
import { UsageError } from "../../lib/errors";
import { CapturedStream } from "../helpers/cli-context";

function folder(): string {
  return mkdtempSync(join(tmpdir(), "lake-sink-"));
}

describe("openSink", () => {
  it("writes to stdout when no file is given", async () => {
    const stdout = new CapturedStream();
    const sink = await openSink(undefined, stdout);
    sink.stream.write("a,b\n");
    await sink.commit();
    expect(stdout.text).toBe("a,b\n");
  });

  it("replaces the file only on commit", async () => {
    const dir = folder();
    const file = join(dir, "out.csv");
    writeFileSync(file, "old\n");
    const sink = await openSink(file, new CapturedStream());
    sink.stream.write("new\n");
    expect(readFileSync(file, "utf8")).toBe("old\n");
    await sink.commit();
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("leaves nothing behind when discarded", async () => {
    const dir = folder();
    const file = join(dir, "out.csv");
    const sink = await openSink(file, new CapturedStream());
    sink.stream.write("partial\n");
    await sink.discard();
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("rejects a file in a folder that does not exist", async () => {
    const dir = folder();
    const file = join(dir, "missing", "out.csv");
    await expect(openSink(file, new CapturedStream())).rejects.toThrow(
      new UsageError(
        `Cannot write --output "${file}": the folder "${join(dir, "missing")}" does not exist; create it or choose a file in an existing folder.`,
      ),
    );
  });

  it("rejects a file whose folder is a file", async () => {
    const dir = folder();
    writeFileSync(join(dir, "plain"), "");
    const file = join(dir, "plain", "out.csv");
    await expect(openSink(file, new CapturedStream())).rejects.toThrow(
      new UsageError(
        `Cannot write --output "${file}": "${join(dir, "plain")}" is not a folder; choose a file in an existing folder.`,
      ),
    );
  });

  it("rejects a folder before creating anything in it", async () => {
    const dir = folder();
    await expect(openSink(dir, new CapturedStream())).rejects.toThrow(
      new UsageError(
        `Cannot write --output "${dir}": it is a folder; give a file name, for example "${join(dir, "result.csv")}".`,
      ),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("fails with a usage error naming --output when the rename fails", async () => {
    const dir = folder();
    const file = join(dir, "out.csv");
    const sink = await openSink(file, new CapturedStream());
    sink.stream.write("a\n");
    mkdirSync(file);
    await expect(sink.commit()).rejects.toThrow(
      new UsageError(
        `Cannot write --output "${file}": illegal operation on a directory (EISDIR); the result was not saved; choose a file in an existing folder you may write to.`,
      ),
    );
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });
});
