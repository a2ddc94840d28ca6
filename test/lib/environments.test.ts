import { SettingsError } from "../../lib/errors";
import { environmentSettings } from "../../lib/environments";
import { settingsErrorOf, settingsFor } from "../helpers/settings";

const FOOTER = "Fix the settings above and run again.";

describe("environmentSettings", () => {
  test("returns the settings of a known environment", () => {
    const settings = settingsFor({ region: "us-east-1" }, "prod");

    expect(environmentSettings(settings, "prod").region).toBe("us-east-1");
    expect(environmentSettings(settings, "dev").region).toBe("eu-west-1");
  });

  test("fails for an unknown environment, naming the known ones", () => {
    const error = settingsErrorOf(() =>
      environmentSettings(settingsFor(), "staging"),
    );

    expect(error.message).toBe(
      [
        "config/environments.yaml has 1 problem:",
        '  - environments: has no environment "staging"; use one of dev, prod',
        FOOTER,
      ].join("\n"),
    );
  });

  test("fails for an unknown environment, naming the settings file it was given", () => {
    const error = settingsErrorOf(() =>
      environmentSettings(settingsFor(), "qa", "config/other.yaml"),
    );

    expect(error.message.split("\n")[0]).toBe(
      "config/other.yaml has 1 problem:",
    );
  });

  test("fails for an inherited property name such as toString", () => {
    expect(() => environmentSettings(settingsFor(), "toString")).toThrow(
      SettingsError,
    );
  });
});
