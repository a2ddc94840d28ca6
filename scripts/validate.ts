/**
 * Real validation with Terraform: synthesizes, then for every stack runs
 * `terraform init`, `validate` and `plan` in a scratch copy, with dummy
 * credentials and local state, and keeps each plan as JSON in `plans/`.
 *
 * Nothing in `cdktf.out/` changes. Set TF_PROVIDER_MIRROR to a filesystem
 * mirror of the providers to run offline; otherwise `terraform init`
 * downloads them from the registry.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const OUT_DIR = "cdktf.out/stacks";
const PLANS_DIR = "plans";

/** Replaces the backend and credentials in the scratch copy only. */
const OFFLINE_OVERRIDE = {
  terraform: { backend: { local: { path: "terraform.tfstate" } } },
  provider: {
    aws: {
      // The account check needs real credentials; a real plan keeps it.
      allowed_account_ids: null,
      access_key: "AKIAVALIDATEDUMMY000",
      secret_key: "validate-dummy-secret",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    },
  },
};

function main(): number {
  if (!commandExists("terraform")) {
    const inCi = process.env.CI === "true";
    process.stderr.write(
      `${inCi ? "FAILED" : "SKIPPED"}: terraform is not on PATH; install Terraform >= 1.10 to validate the stacks.\n`,
    );
    return inCi ? 1 : 0;
  }

  run("npx", ["tsx", "main.ts"], ".");
  const stacks = readdirSync(OUT_DIR).sort();
  mkdirSync(PLANS_DIR, { recursive: true });
  const env = terraformEnvironment();

  let failed = 0;
  for (const stack of stacks) {
    const ok = validateStack(stack, env);
    process.stderr.write(`${ok ? "ok    " : "FAILED"} ${stack}\n`);
    if (!ok) failed++;
  }
  process.stderr.write(
    `${stacks.length - failed} passed, ${failed} failed (terraform init, validate, plan per stack; plans in ${PLANS_DIR}/)\n`,
  );
  return failed === 0 ? 0 : 1;
}

function validateStack(stack: string, env: NodeJS.ProcessEnv): boolean {
  const scratch = mkdtempSync(join(tmpdir(), `validate-${stack}-`));
  try {
    cpSync(join(OUT_DIR, stack), scratch, { recursive: true });
    writeFileSync(
      join(scratch, "zz_validate_override.tf.json"),
      JSON.stringify(OFFLINE_OVERRIDE, null, 2),
    );
    const steps: string[][] = [
      ["init", "-input=false", "-no-color"],
      ["validate", "-no-color"],
      [
        "plan",
        "-input=false",
        "-no-color",
        "-lock=false",
        "-refresh=false",
        "-out=tfplan",
      ],
    ];
    for (const args of steps) {
      const result = spawnSync("terraform", args, {
        cwd: scratch,
        env,
        encoding: "utf8",
      });
      if (result.status !== 0) {
        process.stderr.write(
          `terraform ${args[0]} failed for ${stack}:\n${result.stdout}${result.stderr}\n`,
        );
        return false;
      }
    }
    const show = spawnSync("terraform", ["show", "-json", "tfplan"], {
      cwd: scratch,
      env,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (show.status !== 0) {
      process.stderr.write(
        `terraform show failed for ${stack}:\n${show.stderr}\n`,
      );
      return false;
    }
    writeFileSync(join(PLANS_DIR, `${stack}.json`), show.stdout);
    return true;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Environment for Terraform: a CLI config naming the mirror when one is given. */
function terraformEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "1" };
  for (const name of [
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
  ]) {
    delete env[name];
  }
  const mirror = process.env.TF_PROVIDER_MIRROR;
  if (!mirror) return env;

  if (!existsSync(mirror)) {
    process.stderr.write(
      `TF_PROVIDER_MIRROR names ${mirror}, which does not exist; unset it or point it at a provider mirror.\n`,
    );
    process.exit(1);
  }
  const config = join(
    mkdtempSync(join(tmpdir(), "validate-cli-")),
    "terraform.rc",
  );
  writeFileSync(
    config,
    `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(resolve(mirror))}\n  }\n}\n`,
  );
  return { ...env, TF_CLI_CONFIG_FILE: config };
}

function commandExists(command: string): boolean {
  return spawnSync(command, ["version"], { stdio: "ignore" }).status === 0;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.exitCode = main();
