import {
  existsSync,
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
    const file = join(folder(), "missing", "out.csv");
    const opening = openSink(file, new CapturedStream());
    await expect(opening).rejects.toThrow(UsageError);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toMatch(
      /^Cannot write --output ".*\/missing\/out\.csv": ENOENT: no such file or directory, open '.*\/missing\/\.out\.csv\.\d+\.[0-9a-f]{8}\.tmp'; choose a file in an existing folder you may write to\.$/,
    );
  });
});
