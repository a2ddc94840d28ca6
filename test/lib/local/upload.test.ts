import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { UsageError } from "../../../lib/errors";
import { listLakeFiles, uploadLake } from "../../../lib/local/upload";
import { FIXTURE_LAKE, tempDir } from "../../helpers/local-lake";

const TARGET = {
  bucket: "analytics-dev-data-111111111111-eu-west-1",
  keyAlias: "alias/analytics-dev-lake",
  accountId: "111111111111",
  region: "eu-west-1",
};

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

function lakeWith(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("uploadLake", () => {
  test("puts every data file under its key, encrypted with the lake key", async () => {
    s3.on(PutObjectCommand).resolves({});
    const progress: string[] = [];
    const summary = await uploadLake(
      new S3Client({}),
      FIXTURE_LAKE,
      TARGET,
      (done, total, key) => progress.push(`${done}/${total} ${key}`),
    );

    const calls = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Key)).toEqual([
      "raw/apps/dt=2026-11-14/part-00000.json",
      "raw/apps/dt=2026-11-15/part-00000.json",
      "raw/apps/dt=2026-11-16/part-00000.json",
      "raw/users/dt=2026-11-13/part-00000.json",
      "raw/users/dt=2026-11-14/part-00000.json",
      "raw/users/dt=2026-11-15/part-00000.json",
      "raw/users/dt=2026-11-16/part-00000.json.gz",
    ]);
    for (const call of calls) {
      expect(call).toMatchObject({
        Bucket: TARGET.bucket,
        ContentType: "application/x-ndjson",
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: "alias/analytics-dev-lake",
        ExpectedBucketOwner: "111111111111",
      });
    }
    expect(calls[6].ContentEncoding).toBe("gzip");
    expect(calls[0]).not.toHaveProperty("ContentEncoding");
    expect(summary.files).toBe(7);
    expect(progress[6]).toBe("7/7 raw/users/dt=2026-11-16/part-00000.json.gz");
  });

  test("rejects files outside the layout, listing all of them, and uploads nothing", async () => {
    const root = lakeWith({
      "raw/users/dt=2026-11-02/part-00000.json": "{}\n",
      "raw/users/dt=2026-11-02/notes.txt": "x",
      "raw/events/dt=2026-11-02/part-00000.json": "{}\n",
      "raw/apps/dt=2026-13-01/part-00000.json": "{}\n",
    });
    await expect(uploadLake(new S3Client({}), root, TARGET)).rejects.toThrow(
      new UsageError(
        [
          `lake upload: ${root} has 3 problems:`,
          "  - raw/apps/dt=2026-13-01/part-00000.json: not a data file of the layout raw/<dataset>/dt=YYYY-MM-DD/<name>.json[.gz] with dataset users or apps",
          "  - raw/events/dt=2026-11-02/part-00000.json: not a data file of the layout raw/<dataset>/dt=YYYY-MM-DD/<name>.json[.gz] with dataset users or apps",
          "  - raw/users/dt=2026-11-02/notes.txt: not a data file of the layout raw/<dataset>/dt=YYYY-MM-DD/<name>.json[.gz] with dataset users or apps",
          "Move or delete the files above, then run again; nothing was uploaded.",
        ].join("\n"),
      ),
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  test("turns an S3 refusal into an error naming the object", async () => {
    const denied = Object.assign(new Error("Access Denied"), {
      name: "AccessDenied",
      $fault: "client",
    });
    s3.on(PutObjectCommand).rejects(denied);
    await expect(
      uploadLake(new S3Client({}), FIXTURE_LAKE, TARGET),
    ).rejects.toThrow(
      `Access denied: the current AWS identity may not call S3 PutObject on object s3://${TARGET.bucket}/raw/apps/dt=2026-11-14/part-00000.json in eu-west-1; use a role that is allowed to. AWS said: Access Denied`,
    );
  });
});

describe("listLakeFiles", () => {
  test("rejects a directory that does not exist", () => {
    const root = join(tempDir(), "nonexist");
    expect(() => listLakeFiles(root)).toThrow(
      new UsageError(
        `lake upload: ${JSON.stringify(root)} does not exist: pass a lake directory such as one written by \`lake sample --out DIR\`.`,
      ),
    );
  });

  test("rejects a file given as the lake directory", () => {
    const root = join(tempDir(), "lake.json");
    writeFileSync(root, "{}\n");
    expect(() => listLakeFiles(root)).toThrow(
      new UsageError(
        `lake upload: ${JSON.stringify(root)} is a file, not a directory: pass a lake directory such as one written by \`lake sample --out DIR\`.`,
      ),
    );
  });

  test("rejects an empty lake directory path", () => {
    expect(() => listLakeFiles("")).toThrow(
      new UsageError(
        'lake upload: the lake directory must be a path, got "": pass a lake directory such as one written by `lake sample --out DIR`.',
      ),
    );
  });

  test("rejects a directory without a raw folder", () => {
    const root = tempDir();
    expect(() => listLakeFiles(root)).toThrow(
      `lake upload: ${JSON.stringify(root)} has no raw/ folder: pass a lake directory such as one written by \`lake sample --out DIR\`.`,
    );
  });

  test("rejects a raw folder without data files", () => {
    const root = tempDir();
    mkdirSync(join(root, "raw"));
    expect(() => listLakeFiles(root)).toThrow(
      `lake upload: ${JSON.stringify(root)} has no data files under raw/; nothing to upload.`,
    );
  });
});
