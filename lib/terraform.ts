/**
 * Runs Terraform over a synthesized stack and returns its plan as JSON:
 * offline (a scratch copy with dummy credentials, local state and no
 * backend) or against the stack's real backend and AWS account. Used by
 * `npm run validate` and `npm run plan`; nothing here prints.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { EnvironmentError } from "./errors";

/** Where `npm run synth` writes each stack's Terraform, one directory per stack. */
export const STACKS_DIR = "cdktf.out/stacks";

/** Where plans and their summaries are written. */
export const PLANS_DIR = "plans";

/** Variable naming a filesystem mirror of the providers. */
const MIRROR_VARIABLE = "TF_PROVIDER_MIRROR";

/**
 * Variables that mean AWS credentials are available to a real plan: keys,
 * a named profile, a web identity token, or the container credentials of
 * ECS and EKS Pod Identity.
 */
export const CREDENTIAL_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
] as const;

/**
 * Settings of a shared config or credentials file profile that give
 * credentials: keys, a role to assume, IAM Identity Center (SSO) or a
 * credential process. A profile with only a region gives none.
 *
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/settings-reference.html
 */
export const PROFILE_CREDENTIAL_SETTINGS = [
  "aws_access_key_id",
  "role_arn",
  "sso_session",
  "sso_start_url",
  "credential_process",
  "web_identity_token_file",
] as const;

/** Replaces the backend and credentials in the scratch copy of an offline plan. */
export const OFFLINE_OVERRIDE = {
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

/** The outcome of running Terraform over one stack. */
export type PlanOutcome =
  | { readonly ok: true; readonly planJson: string }
  | {
      readonly ok: false;
      /** The Terraform command that failed, e.g. `terraform plan`. */
      readonly step: string;
      /** What Terraform printed. */
      readonly output: string;
    };

/**
 * Whether AWS credentials are present for a real plan: one of
 * CREDENTIAL_VARIABLES is set, or the `default` profile of the shared
 * credentials or config file (`~/.aws/credentials`, `~/.aws/config`, or
 * AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE) has one of
 * PROFILE_CREDENTIAL_SETTINGS. An EC2 instance profile is not detected:
 * that would take a call to the instance metadata service.
 */
export function hasAwsCredentials(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): boolean {
  if (CREDENTIAL_VARIABLES.some((name) => Boolean(env[name]))) return true;
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"),
    env.AWS_CONFIG_FILE || join(home, ".aws", "config"),
  ];
  return files.some((file) => {
    const settings = defaultProfileSettings(file);
    return PROFILE_CREDENTIAL_SETTINGS.some((key) => settings.has(key));
  });
}

/** Whether the `terraform` command is on PATH. */
export function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
}

/**
 * The environment Terraform runs in: TF_IN_AUTOMATION, no AWS credentials
 * when `offline`, and the provider mirror, when one is given, as an
 * absolute TF_PROVIDER_MIRROR that each plan below names in a Terraform CLI
 * config of its own. Throws EnvironmentError when the mirror does not exist.
 */
export function terraformEnvironment(
  options: { readonly offline: boolean; readonly mirror?: string },
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TF_IN_AUTOMATION: "1" };
  delete env[MIRROR_VARIABLE];
  if (options.offline) {
    for (const name of [
      "AWS_PROFILE",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
    ]) {
      delete env[name];
    }
  }
  const mirror = options.mirror;
  if (!mirror) return env;

  if (!existsSync(mirror)) {
    throw new EnvironmentError(
      `TF_PROVIDER_MIRROR names ${mirror}, which does not exist; unset it or point it at a provider mirror.`,
    );
  }
  return { ...env, [MIRROR_VARIABLE]: resolve(mirror) };
}

/**
 * Runs `terraform init`, `validate` and `plan` on a scratch copy of the
 * stack with OFFLINE_OVERRIDE, and returns `terraform show -json` of the
 * plan. `cdktf.out/` is left untouched.
 */
export function planOffline(
  stackDir: string,
  env: NodeJS.ProcessEnv,
): PlanOutcome {
  const scratch = mkdtempSync(join(tmpdir(), "plan-offline-"));
  try {
    cpSync(stackDir, scratch, { recursive: true });
    writeFileSync(
      join(scratch, "zz_validate_override.tf.json"),
      JSON.stringify(OFFLINE_OVERRIDE, null, 2),
    );
    return planIn(scratch, env, [
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
    ]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs `terraform init` and `plan` in the stack's own directory, with its
 * real backend and the caller's AWS credentials, and returns the plan JSON.
 */
export function planReal(
  stackDir: string,
  env: NodeJS.ProcessEnv,
): PlanOutcome {
  return planIn(stackDir, env, [
    ["init", "-input=false", "-no-color"],
    ["plan", "-input=false", "-no-color", "-out=tfplan"],
  ]);
}

function planIn(
  cwd: string,
  env: NodeJS.ProcessEnv,
  steps: readonly string[][],
): PlanOutcome {
  const mirror = env[MIRROR_VARIABLE];
  if (!mirror) return runSteps(cwd, env, steps);
  // The CLI config lives only as long as this run, failed or not.
  const folder = mkdtempSync(join(tmpdir(), "terraform-cli-"));
  try {
    const config = join(folder, "terraform.rc");
    writeFileSync(config, cliConfig(mirror));
    return runSteps(cwd, { ...env, TF_CLI_CONFIG_FILE: config }, steps);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A Terraform CLI config that installs every provider from `mirror`. */
function cliConfig(mirror: string): string {
  return `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`;
}

function runSteps(
  cwd: string,
  env: NodeJS.ProcessEnv,
  steps: readonly string[][],
): PlanOutcome {
  for (const args of steps) {
    const result = spawnSync("terraform", args, { cwd, env, encoding: "utf8" });
    if (result.status !== 0) {
      return {
        ok: false,
        step: `terraform ${args[0]}`,
        output: `${result.stdout ?? ""}${result.stderr ?? ""}`,
      };
    }
  }
  const show = spawnSync("terraform", ["show", "-json", "tfplan"], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (show.status !== 0) {
    return { ok: false, step: "terraform show", output: show.stderr ?? "" };
  }
  return { ok: true, planJson: show.stdout };
}

/**
 * The setting names of the `default` profile in a shared config or
 * credentials file (`[default]`, or `[profile default]` in the config
 * file); none when the file is missing or unreadable, as for the SDKs.
 */
function defaultProfileSettings(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return new Set();
  }
  const settings = new Set<string>();
  let inDefault = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*(.*?)\s*\]$/.exec(line);
    if (section) {
      inDefault = /^(profile\s+)?default$/.test(section[1]);
      continue;
    }
    const setting = /^([A-Za-z0-9_]+)\s*=\s*\S/.exec(line);
    if (inDefault && setting) settings.add(setting[1].toLowerCase());
  }
  return settings;
}
