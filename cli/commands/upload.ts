/**
 * `lake upload`: copies a local lake's raw zone into an environment's data
 * bucket, encrypted with the lake's KMS key, for the crawler to pick up.
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { Command } from "commander";
import { uploadLake } from "../../lib/local/upload";
import { resourceNames } from "../../lib/naming";
import { loadEnvironmentSettings } from "../context";
import { globalSettingsFile } from "../options";
import { counted } from "../output";
import type { CommandStreams } from "./sample";

/** What `lake upload` needs from outside: streams and an S3 client. */
export interface UploadCommandContext extends CommandStreams {
  /**
   * Creates the S3 client for a region.
   * @default a client with the SDK's standard credential resolution
   */
  readonly s3?: (region: string) => S3Client;
}

/**
 * Adds `lake upload` to the program.
 *
 * @default context the process's stdout and stderr and a standard S3 client
 */
export function registerUploadCommand(
  program: Command,
  context: UploadCommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
  },
): void {
  program
    .command("upload")
    .description(
      "Upload a local lake's raw/ files to the environment's data bucket (SSE-KMS with the lake key). Every file must match raw/<dataset>/dt=YYYY-MM-DD/*.json[.gz]; nothing is uploaded otherwise.",
    )
    .argument("<dir>", "lake directory, e.g. one written by `lake sample`")
    .requiredOption(
      "--env <name>",
      "environment from the settings file, e.g. dev",
    )
    .action(
      async (directory: string, options: { env: string }, command: Command) => {
        await upload(
          directory,
          options.env,
          globalSettingsFile(command),
          context,
        );
      },
    );
}

async function upload(
  directory: string,
  environment: string,
  settingsFile: string,
  context: UploadCommandContext,
): Promise<void> {
  const names = resourceNames(
    loadEnvironmentSettings(environment, settingsFile),
    environment,
    settingsFile,
  );
  const region = process.env.AWS_REGION || names.region;
  const client = context.s3?.(region) ?? new S3Client({ region });
  const stderr = context.stderr;
  const summary = await uploadLake(
    client,
    directory,
    {
      bucket: names.dataBucket,
      keyAlias: names.keyAlias,
      accountId: names.accountId,
      region,
    },
    (done, total, key) => {
      if (stderr.isTTY)
        stderr.write(`\r\x1b[2KUploading ${done}/${total} ${key}`);
      else if (done === total || done % 100 === 0)
        stderr.write(`Uploaded ${done}/${total}\n`);
    },
  );
  if (stderr.isTTY) stderr.write("\r\x1b[2K");
  context.stdout.write(
    `Uploaded ${counted(summary.files, "file")} (${summary.bytes.toLocaleString("en-US")} bytes) to s3://${names.dataBucket}/raw/\n`,
  );
}
