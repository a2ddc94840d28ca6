import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import {
  hasAwsCredentials,
  planOffline,
  planReal,
  terraformEnvironment,
} from "../../lib/terraform";

/**
 * A stand-in for `terraform` on PATH: it logs each command with the CLI
 * config it was given, copies that config aside, prints `{}` for `show`
 * and fails the command named by FAKE_TERRAFORM_FAIL.
 */
const FAKE_TERRAFORM = `#!/bin/sh
echo "$1 $TF_CLI_CONFIG_FILE" >> "$FAKE_TERRAFORM_DIR/log"
cp "$TF_CLI_CONFIG_FILE" "$FAKE_TERRAFORM_DIR/config-seen"
if [ "$1" = "$FAKE_TERRAFORM_FAIL" ]; then echo "$1 broke" >&2; exit 1; fi
if [ "$1" = "show" ]; then echo "{}"; fi
`;

describe("hasAwsCredentials", () => {
  let home: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "aws-home-"));
    mkdirSync(join(home, ".aws"));
  });

  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = join(home, ".aws", name);
    writeFileSync(file, text);
    return file;
  }

  test("sees access keys, profiles, web identity tokens and container credentials", () => {
    expect(hasAwsCredentials({}, home)).toBe(false);
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "AKIA" }, home)).toBe(true);
    expect(hasAwsCredentials({ AWS_PROFILE: "analytics" }, home)).toBe(true);
    expect(
      hasAwsCredentials(
        { AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" },
        home,
      ),
    ).toBe(true);
    expect(
      hasAwsCredentials(
        { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/id" },
        home,
      ),
    ).toBe(true);
    expect(
      hasAwsCredentials(
        { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1" },
        home,
      ),
    ).toBe(true);
    expect(hasAwsCredentials({ AWS_REGION: "eu-west-1" }, home)).toBe(false);
  });

  test("sees a default profile with keys in ~/.aws/credentials", () => {
    write(
      "credentials",
      "[ci]\naws_access_key_id = AKIA1\n\n[default]\n# keys\naws_access_key_id = AKIA2\naws_secret_access_key = s\n",
    );
    expect(hasAwsCredentials({}, home)).toBe(true);
  });

  test("sees a default profile with SSO, a role or a credential process in ~/.aws/config", () => {
    const config = (text: string) => {
      write("config", text);
      return hasAwsCredentials({}, home);
    };
    expect(config("[default]\nsso_session = corp\nregion = eu-west-1\n")).toBe(
      true,
    );
    expect(
      config("[profile default]\nrole_arn = arn:aws:iam::1:role/x\n"),
    ).toBe(true);
    expect(config("[default]\r\ncredential_process = /bin/creds\r\n")).toBe(
      true,
    );
  });

  test("ignores other profiles and a default profile without credentials", () => {
    write("credentials", "[analytics]\naws_access_key_id = AKIA1\n");
    write(
      "config",
      "[default]\nregion = eu-west-1\noutput = json\n\n[profile ci]\nrole_arn = arn:aws:iam::1:role/x\n",
    );
    expect(hasAwsCredentials({}, home)).toBe(false);
  });

  test("reads the files named by AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE instead", () => {
    write("credentials", "[default]\naws_access_key_id = AKIA1\n");
    const elsewhere = write("other", "[default]\nregion = eu-west-1\n");
    expect(
      hasAwsCredentials(
        { AWS_SHARED_CREDENTIALS_FILE: elsewhere, AWS_CONFIG_FILE: elsewhere },
        home,
      ),
    ).toBe(false);
    const keys = write("keys", "[default]\naws_access_key_id = AKIA2\n");
    expect(hasAwsCredentials({ AWS_CONFIG_FILE: keys }, join(home, "no"))).toBe(
      true,
    );
  });
});

describe("terraformEnvironment", () => {
  const base = {
    AWS_PROFILE: "analytics",
    AWS_ACCESS_KEY_ID: "AKIA",
    PATH: "/bin",
  };

  test("drops credentials for an offline plan and keeps them for a real one", () => {
    const offline = terraformEnvironment({ offline: true }, base);
    expect(offline.AWS_PROFILE).toBeUndefined();
    expect(offline.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(offline.TF_IN_AUTOMATION).toBe("1");
    expect(terraformEnvironment({ offline: false }, base).AWS_PROFILE).toBe(
      "analytics",
    );
  });

  test("passes the provider mirror on as an absolute path and writes no file", () => {
    const env = terraformEnvironment(
      { offline: true, mirror: relative(process.cwd(), __dirname) },
      { ...base, TF_CLI_CONFIG_FILE: undefined },
    );
    expect(env.TF_PROVIDER_MIRROR).toBe(__dirname);
    expect(env.TF_CLI_CONFIG_FILE).toBeUndefined();
  });

  test("ignores a TF_PROVIDER_MIRROR of the base environment the caller did not pass", () => {
    const env = terraformEnvironment(
      { offline: true },
      { ...base, TF_PROVIDER_MIRROR: __dirname },
    );
    expect(env.TF_PROVIDER_MIRROR).toBeUndefined();
  });

  test("rejects a provider mirror that does not exist", () => {
    expect(() =>
      terraformEnvironment({ offline: true, mirror: "/no/such/mirror" }, base),
    ).toThrow(
      "TF_PROVIDER_MIRROR names /no/such/mirror, which does not exist; unset it or point it at a provider mirror.",
    );
  });
});

describe("planOffline and planReal", () => {
  let work: string;
  let stackDir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "terraform-test-"));
    writeFileSync(join(work, "terraform"), FAKE_TERRAFORM);
    chmodSync(join(work, "terraform"), 0o755);
    stackDir = join(work, "stack");
    mkdirSync(stackDir);
    writeFileSync(join(stackDir, "cdk.tf.json"), "{}");
    env = terraformEnvironment(
      { offline: true, mirror: __dirname },
      {
        PATH: `${work}:${process.env.PATH ?? ""}`,
        FAKE_TERRAFORM_DIR: work,
      },
    );
  });

  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** The CLI config paths that each Terraform command was given. */
  function configsUsed(): string[] {
    return readFileSync(join(work, "log"), "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(" ")[1]);
  }

  test("hands every command one CLI config naming the mirror and removes it after the run", () => {
    const outcome = planOffline(stackDir, env);

    expect(outcome).toEqual({ ok: true, planJson: "{}\n" });
    const configs = configsUsed();
    expect(configs).toHaveLength(4);
    expect(new Set(configs).size).toBe(1);
    expect(configs[0]).toMatch(/terraform\.rc$/);
    expect(readFileSync(join(work, "config-seen"), "utf8")).toBe(
      `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(__dirname)}\n  }\n}\n`,
    );
    expect(existsSync(configs[0])).toBe(false);
    expect(existsSync(join(configs[0], ".."))).toBe(false);
  });

  test("removes the CLI config when a Terraform command fails", () => {
    const outcome = planReal(stackDir, { ...env, FAKE_TERRAFORM_FAIL: "plan" });

    expect(outcome).toEqual({
      ok: false,
      step: "terraform plan",
      output: "plan broke\n",
    });
    const configs = configsUsed();
    expect(configs).toHaveLength(2);
    expect(existsSync(join(configs[0], ".."))).toBe(false);
  });
});
