/**
 * Builds the app: one stack per environment in `config/environments.yaml`,
 * then synthesizes Terraform into `cdktf.out/`. Settings and query files are
 * validated first, so a mistake stops here before anything is written.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { AnnotationMetadataEntryType, App } from "cdktf";
import { queryVariables, resourceNames } from "./lib/naming";
import { loadQueries } from "./lib/queries/loader";
import { loadSettings } from "./lib/settings";
import { runEntryPoint } from "./cli/entry";
import { AnalyticsStack } from "./stacks/analytics-stack";

function main(): void {
  const settings = loadSettings();
  const environments = Object.keys(settings.environments).map((name) => {
    const names = resourceNames(settings, name);
    const queries = loadQueries({ variables: queryVariables(names) });
    return { name, stack: names.stack, queries };
  });

  // Stack traces in the manifest would carry this machine's paths.
  const app = new App({ stackTraces: false });
  for (const { name, stack, queries } of environments) {
    new AnalyticsStack(app, stack, { settings, environment: name, queries });
  }
  // Stacks of environments removed from the settings must not linger.
  const stacksDir = join(app.outdir, "stacks");
  rmSync(stacksDir, { recursive: true, force: true });
  mkdirSync(stacksDir);
  app.synth();
  printWarnings(app);
}

/** Prints the warnings constructs attached, which cdktf only records. */
function printWarnings(app: App): void {
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === AnnotationMetadataEntryType.WARN) {
        process.stderr.write(
          `Warning: ${construct.node.path}: ${entry.data}\n`,
        );
      }
    }
  }
}

runEntryPoint(main);
