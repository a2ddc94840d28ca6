/**
 * The `lake` command line: operations on an environment's AWS resources
 * (crawl, named queries) and on a local lake folder.
 */

import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SETTINGS_FILE } from "../lib/environments";
import { registerCrawlCommand } from "./commands/crawl";
import { registerQueryCommand } from "./commands/query";
import { registerSampleCommand } from "./commands/sample";
import { registerUploadCommand } from "./commands/upload";
import { processContext, type CliContext } from "./context";
import { reportError, USAGE_EXIT_CODE } from "./exit";

/** Builds the program with every command, writing through the context's streams. */
export function buildProgram(context: CliContext): Command {
  const program = new Command("lake")
    .description(
      "Operate the analytics platform: make and upload sample data, run the Glue crawler, and run the named queries on Athena or on a local lake folder.",
    )
    .version(packageVersion(), "-V, --version", "print the version of lake")
    .option(
      "--settings <file>",
      "settings file with the environments",
      DEFAULT_SETTINGS_FILE,
    )
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .exitOverride();

  registerCrawlCommand(program, context);
  registerQueryCommand(program, context);
  registerSampleCommand(program, context);
  registerUploadCommand(program, context);

  // Subcommands inherit the output settings and the exit override.
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput(program.configureOutput());
  }
  return program;
}

/**
 * Runs the program on `argv` (arguments after the script name) and
 * resolves with the exit code.
 */
export async function main(
  argv: readonly string[],
  context: CliContext = processContext(),
): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    // The reader of a pipe went away (`lake ... | head`): it has what it wanted.
    if (isBrokenPipe(error)) return 0;
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; parse errors were printed already.
      return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    }
    return reportError(error, context.stderr);
  }
}

function isBrokenPipe(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "EPIPE";
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

function packageVersion(): string {
  const file = join(__dirname, "..", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string })
    .version;
}
