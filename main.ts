/**
 * Builds the app: one stack per environment in `config/environments.yaml`,
 * then synthesizes Terraform into `cdktf.out/`. Settings are validated first,
 * so a mistake stops here before anything is written.
 */
import { App } from "cdktf";
import { PlatformError } from "./lib/errors";
import { resourceNames } from "./lib/naming";
import { loadSettings } from "./lib/settings";
import { AnalyticsStack } from "./stacks/analytics-stack";

function main(): void {
  const settings = loadSettings();
  const app = new App();
  for (const environment of Object.keys(settings.environments)) {
    const { stack } = resourceNames(settings, environment);
    new AnalyticsStack(app, stack, { settings, environment });
  }
  app.synth();
}

try {
  main();
} catch (err) {
  if (!(err instanceof PlatformError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
