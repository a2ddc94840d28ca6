/**
 * Uploads a local lake's raw zone to an environment's data bucket, object by
 * object, encrypted with the lake's KMS key. Every file is checked against
 * the layout before the first upload, so a stray file stops the upload
 * rather than landing where the crawler would read it.
 */
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { callAws } from "../aws/errors";
import { Problem, UsageError, describeProblems } from "../errors";
import { DATASETS, PARTITION_KEY, RAW_ZONE } from "../layout";

/** Where and how to upload. */
export interface UploadTarget {
  /** Data bucket name. */
  readonly bucket: string;
  /** KMS key alias (`alias/...`) objects are encrypted with. */
  readonly keyAlias: string;
  /** Account expected to own the bucket; S3 refuses the upload otherwise. */
  readonly accountId: string;
  /** Region of the bucket, for error messages. */
  readonly region?: string;
}

/** One file to upload and its object key. */
export interface LakeFile {
  /** Absolute path on disk. */
  readonly path: string;
  /** Object key, e.g. `raw/users/dt=2026-11-02/part-00000.json.gz`. */
  readonly key: string;
  readonly bytes: number;
}

/** What an upload did. */
export interface UploadSummary {
  readonly files: number;
  readonly bytes: number;
}

/** Progress after each object: files done out of all. */
export type UploadProgress = (done: number, total: number, key: string) => void;

const DATA_FILE = new RegExp(
  `^${RAW_ZONE}/(${DATASETS.map((d) => d.name).join("|")})/${PARTITION_KEY}=(\\d{4}-\\d{2}-\\d{2})/[^/]+\\.json(\\.gz)?$`,
);

/**
 * Lists the files under `directory/raw/` and checks each against the layout.
 *
 * @throws UsageError when `raw/` is missing or empty, or listing every file
 * that does not match `raw/<dataset>/dt=YYYY-MM-DD/*.json[.gz]`.
 */
export function listLakeFiles(directory: string): LakeFile[] {
  const root = resolve(directory);
  const raw = join(root, RAW_ZONE);
  const fix = `pass a lake directory such as one written by \`lake sample --out DIR\``;
  if (directory.trim() === "") {
    throw new UsageError(
      `lake upload: the lake directory must be a path, got ${JSON.stringify(directory)}: ${fix}.`,
    );
  }
  const kind = pathKind(root);
  if (kind !== "directory") {
    const state =
      kind === "missing" ? "does not exist" : "is a file, not a directory";
    throw new UsageError(
      `lake upload: ${JSON.stringify(directory)} ${state}: ${fix}.`,
    );
  }
  if (pathKind(raw) !== "directory") {
    throw new UsageError(
      `lake upload: ${JSON.stringify(directory)} has no ${RAW_ZONE}/ folder: ${fix}.`,
    );
  }

  const files: LakeFile[] = [];
  const problems: Problem[] = [];
  for (const path of walk(raw)) {
    const key = relative(root, path).split(sep).join("/");
    const match = DATA_FILE.exec(key);
    if (!match || !isCalendarDate(match[2])) {
      problems.push({
        path: key,
        message: `not a data file of the layout ${RAW_ZONE}/<dataset>/${PARTITION_KEY}=YYYY-MM-DD/<name>.json[.gz] with dataset ${DATASETS.map((d) => d.name).join(" or ")}`,
      });
      continue;
    }
    files.push({ path, key, bytes: statSync(path).size });
  }
  if (problems.length > 0) {
    throw new UsageError(
      describeProblems(
        `lake upload: ${directory}`,
        problems,
        "Move or delete the files above, then run again; nothing was uploaded.",
      ),
    );
  }
  if (files.length === 0) {
    throw new UsageError(
      `lake upload: ${JSON.stringify(directory)} has no data files under ${RAW_ZONE}/; nothing to upload.`,
    );
  }
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Uploads the lake's data files one by one, in key order.
 *
 * @throws EnvironmentError when S3 refuses an object (credentials, access,
 * bucket owner); objects uploaded before it stay in the bucket.
 */
export async function uploadLake(
  client: S3Client,
  directory: string,
  target: UploadTarget,
  onProgress?: UploadProgress,
): Promise<UploadSummary> {
  const files = listLakeFiles(directory);
  const region = target.region;
  let bytes = 0;
  for (const [index, file] of files.entries()) {
    const gzip = file.key.endsWith(".gz");
    const body = await readFile(file.path);
    const call = {
      service: "S3",
      action: "PutObject",
      resource: `object s3://${target.bucket}/${file.key}`,
      region: region,
    };
    await callAws(call, () =>
      client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: file.key,
          Body: body,
          ContentType: "application/x-ndjson",
          ...(gzip ? { ContentEncoding: "gzip" } : {}),
          ServerSideEncryption: "aws:kms",
          SSEKMSKeyId: target.keyAlias,
          ExpectedBucketOwner: target.accountId,
        }),
      ),
    );
    bytes += file.bytes;
    onProgress?.(index + 1, files.length, file.key);
  }
  return { files: files.length, bytes };
}

function* walk(folder: string): Generator<string> {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function isCalendarDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === text
  );
}

/** Whether `path` is a directory, something else, or missing (or unreadable). */
function pathKind(path: string): "directory" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "other";
  } catch {
    return "missing";
  }
}
