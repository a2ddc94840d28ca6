import { reportError } from "../../cli/exit";
import { Interrupted } from "../../cli/signals";
import { EnvironmentError, SettingsError, UsageError } from "../../lib/errors";
import { CapturedStream } from "../helpers/cli-context";

function report(error: unknown): { code: number; text: string } {
  const stderr = new CapturedStream();
  const code = reportError(error, stderr);
  return { code, text: stderr.text };
}

describe("reportError", () => {
  it("prints a usage error as one line and exits 2", () => {
    expect(
      report(new UsageError("Give exactly one of --env and --local")),
    ).toEqual({
      code: 2,
      text: "error: Give exactly one of --env and --local\n",
    });
  });

  it("prints an environment error as one line and exits 1", () => {
    expect(report(new EnvironmentError("No AWS credentials found"))).toEqual({
      code: 1,
      text: "error: No AWS credentials found\n",
    });
  });

  it("prints the problem block of a settings error and exits 1", () => {
    const error = new SettingsError("config/environments.yaml", [
      { path: "environments.dev.region", message: "must be an AWS region" },
    ]);
    expect(report(error)).toEqual({
      code: 1,
      text:
        "error: config/environments.yaml has 1 problem:\n" +
        "  - environments.dev.region: must be an AWS region\n" +
        "Fix the settings above and run again.\n",
    });
  });

  it("reports an interruption and exits 130", () => {
    expect(report(new Interrupted())).toEqual({
      code: 130,
      text: "Interrupted.\n",
    });
  });

  it("prints a bug with its stack and exits 1", () => {
    const { code, text } = report(new TypeError("cannot read x of undefined"));
    expect(code).toBe(1);
    expect(text).toMatch(
      /^lake failed unexpectedly; this is a bug:\nTypeError: cannot read x of undefined\n {4}at /,
    );
  });
});
