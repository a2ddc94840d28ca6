import { readFileSync } from "node:fs";
import { hasAwsCredentials, terraformEnvironment } from "../../lib/terraform";

describe("hasAwsCredentials", () => {
  test("sees access keys, profiles and web identity tokens", () => {
    expect(hasAwsCredentials({})).toBe(false);
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: "AKIA" })).toBe(true);
    expect(hasAwsCredentials({ AWS_PROFILE: "analytics" })).toBe(true);
    expect(
      hasAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" }),
    ).toBe(true);
    expect(hasAwsCredentials({ AWS_REGION: "eu-west-1" })).toBe(false);
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

  test("names the provider mirror in a CLI config", () => {
    const env = terraformEnvironment(
      { offline: true, mirror: __dirname },
      base,
    );
    expect(readFileSync(env.TF_CLI_CONFIG_FILE as string, "utf8")).toBe(
      `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(__dirname)}\n  }\n}\n`,
    );
  });

  test("rejects a provider mirror that does not exist", () => {
    expect(() =>
      terraformEnvironment({ offline: true, mirror: "/no/such/mirror" }, base),
    ).toThrow(
      "TF_PROVIDER_MIRROR names /no/such/mirror, which does not exist; unset it or point it at a provider mirror.",
    );
  });
});
