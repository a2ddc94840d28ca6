/**
 * A CLI context for tests: streams captured in memory, a fixed
 * environment, SDK clients (replace them with aws-sdk-client-mock), and an
 * interrupt that the test triggers.
 */

import { AthenaClient } from "@aws-sdk/client-athena";
import { GlueClient } from "@aws-sdk/client-glue";
import { Writable } from "node:stream";
import type { CliContext, EnvironmentTarget } from "../../cli/context";
import { SettingsError } from "../../lib/errors";

/** A writable stream that keeps what was written. */
export class CapturedStream extends Writable {
  text = "";
  isTTY = false;

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: () => void,
  ): void {
    this.text += chunk.toString();
    done();
  }
}

/** The environment every test command resolves `--env dev` to. */
export const DEV_TARGET: EnvironmentTarget = {
  environment: "dev",
  region: "eu-west-1",
  workgroup: "analytics-dev",
  database: "analytics_dev",
  crawler: "analytics-dev-raw",
};

/** A test context and the handles a test inspects. */
export interface TestContext extends CliContext {
  readonly stdout: CapturedStream;
  readonly stderr: CapturedStream;
  /** Aborts the running command as Ctrl-C would. */
  interruptNow(reason: Error): void;
}

/** Builds a context in which only `dev` exists. */
export function testContext(): TestContext {
  const controller = new AbortController();
  return {
    stdout: new CapturedStream(),
    stderr: new CapturedStream(),
    resolveEnvironment: (environment) => {
      if (environment !== "dev") {
        throw new SettingsError("config/environments.yaml", [
          {
            path: "environments",
            message: `has no environment "${environment}"`,
          },
        ]);
      }
      return DEV_TARGET;
    },
    athena: (region) => new AthenaClient({ region }),
    glue: (region) => new GlueClient({ region }),
    interrupt: () => ({ signal: controller.signal, dispose: () => undefined }),
    interruptNow: (reason) => controller.abort(reason),
    polling: { crawlerMs: 1, queryInitialMs: 1, queryMaxMs: 2 },
  };
}
