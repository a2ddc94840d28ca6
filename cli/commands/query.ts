/**
 * `lake query list|run|check`: the named queries of an environment's
 * Athena workgroup, or of the `queries/` folder run on a local lake.
 */

import { Command, Option } from "commander";
import { performance } from "node:perf_hooks";
import {
  estimateQueryCost,
  formatBytes,
  formatUsd,
  MINIMUM_BILLED_BYTES,
  USD_PER_TB_SCANNED,
} from "../../lib/aws/cost";
import { QueryFailedError, QueryTimeoutError } from "../../lib/aws/errors";
import { findNamedQuery, listNamedQueries } from "../../lib/aws/named-queries";
import { runAthenaQuery } from "../../lib/aws/query-execution";
import type { QueryResult } from "../../lib/engine";
import { checkQueries } from "../../lib/local/check";
import { LocalQueryError, openLocalLake } from "../../lib/local/lake";
import { UsageError } from "../../lib/errors";
import type { CliContext, EnvironmentTarget } from "../context";
import { parseDescription } from "../../lib/queries/loader";
import { athenaParameters, loadLocalQueries } from "../named-query-text";
import { collect, globalSettingsFile, positiveSeconds } from "../options";
import {
  counted,
  OUTPUT_FORMATS,
  writeResult,
  type OutputFormat,
} from "../output";
import { formatDuration, Progress } from "../progress";
import { openSink } from "../sink";

/** Folder of the named query files, relative to the working directory. */
export const DEFAULT_QUERIES_DIRECTORY = "queries";

interface TargetOptions {
  readonly env?: string;
  readonly local?: string | boolean;
  readonly queries: string;
}

interface RunOptions extends TargetOptions {
  readonly param: readonly string[];
  readonly format: OutputFormat;
  readonly output?: string;
  readonly timeout: number;
}

/** Adds `lake query` and its subcommands to the program. */
export function registerQueryCommand(
  program: Command,
  context: CliContext,
): void {
  const query = program
    .command("query")
    .description("List, run and check the named queries.");

  query
    .command("list")
    .description(
      "List the named queries of an environment's workgroup (--env) or of the queries folder (--local).",
    )
    .addOption(envOption())
    .option("--local", "list the query files instead of the workgroup")
    .addOption(queriesOption())
    .action(async (options: TargetOptions, command: Command) => {
      requireOneTarget(options, "lake query list --env dev");
      if (options.env !== undefined) {
        await listEnvironment(resolve(options.env, command, context), context);
      } else {
        await listLocal(options.queries, context);
      }
    });

  query
    .command("run")
    .description(
      "Run a named query on Athena (--env) or on a local lake folder (--local DIR) and write its rows to stdout.",
    )
    .argument(
      "<name>",
      "name of the named query, as `lake query list` shows it",
    )
    .addOption(envOption())
    .option(
      "--local <dir>",
      "run on a local lake folder laid out like the data bucket",
    )
    .option(
      "--param <value>",
      "value of the next `?` parameter, in order; repeat for each",
      collect,
      [],
    )
    .addOption(
      new Option("--format <format>", "output format")
        .choices([...OUTPUT_FORMATS])
        .default("table"),
    )
    .option(
      "--output <file>",
      "write the rows to a file (replaced only when complete)",
    )
    .option(
      "--timeout <seconds>",
      "longest wait for the query; it is stopped after that",
      positiveSeconds,
      1800,
    )
    .addOption(queriesOption())
    .action(async (name: string, options: RunOptions, command: Command) => {
      requireOneTarget(options, `lake query run ${name} --env dev`);
      if (options.env !== undefined) {
        await runOnAthena(
          name,
          options,
          resolve(options.env, command, context),
          context,
        );
      } else {
        await runLocally(name, options, String(options.local), context);
      }
    });

  query
    .command("check")
    .description(
      "Run every named query on a local lake with its example parameters; fails if any query fails.",
    )
    .requiredOption(
      "--local <dir>",
      "local lake folder laid out like the data bucket",
    )
    .addOption(queriesOption())
    .action(async (options: { local: string; queries: string }) => {
      await checkLocally(options.local, options.queries, context);
    });
}

function envOption(): Option {
  return new Option(
    "--env <name>",
    "environment from the settings file, e.g. dev",
  );
}

function queriesOption(): Option {
  return new Option(
    "--queries <dir>",
    "folder of the named query files",
  ).default(DEFAULT_QUERIES_DIRECTORY);
}

function requireOneTarget(options: TargetOptions, example: string): void {
  const given = [options.env !== undefined, options.local !== undefined];
  if (given[0] === given[1]) {
    throw new UsageError(
      `Give exactly one of --env and --local, got ${given[0] ? "both" : "neither"}: e.g. ${example}`,
    );
  }
}

function resolve(
  env: string,
  command: Command,
  context: CliContext,
): EnvironmentTarget {
  return context.resolveEnvironment(env, globalSettingsFile(command));
}

async function listEnvironment(
  target: EnvironmentTarget,
  context: CliContext,
): Promise<void> {
  const athena = context.athena(target.region);
  const queries = await listNamedQueries(athena, target);
  const rows = queries.map((q) => {
    const described = parseDescription(q.description);
    const version =
      described.version === undefined ? "" : String(described.version);
    return [q.name, version, described.summary];
  });
  await writeListing(rows, context);
  context.stderr.write(
    `${counted(queries.length, "named query", "named queries")} in workgroup ${target.workgroup} (${target.region}).\n`,
  );
}

async function listLocal(
  directory: string,
  context: CliContext,
): Promise<void> {
  const queries = loadLocalQueries(directory);
  await writeListing(
    queries.map((q) => [q.name, String(q.version), q.summary]),
    context,
  );
  context.stderr.write(
    `${counted(queries.length, "named query", "named queries")} in ${directory}.\n`,
  );
}

async function writeListing(
  rows: readonly string[][],
  context: CliContext,
): Promise<void> {
  const result: QueryResult = {
    columns: [
      { name: "name", type: "varchar" },
      { name: "version", type: "varchar" },
      { name: "description", type: "varchar" },
    ],
    rows: (async function* () {
      yield* rows;
    })(),
  };
  await writeResult(result, "table", context.stdout);
}

async function runOnAthena(
  name: string,
  options: RunOptions,
  target: EnvironmentTarget,
  context: CliContext,
): Promise<void> {
  const athena = context.athena(target.region);
  const query = findNamedQuery(
    await listNamedQueries(athena, target),
    name,
    target.workgroup,
    target.environment,
  );
  const parameters = athenaParameters(
    query.name,
    query.sql,
    query.description,
    options.param,
  );
  const sink = await openSink(options.output, context.stdout);
  const progress = new Progress(context.stderr);
  const interrupt = context.interrupt();
  // The query that Ctrl-C stops: set once started, cleared once it ended.
  let running: string | undefined;
  // Data scanned by the last poll: all that is known of a stopped query.
  let scanned = 0;
  try {
    const run = await runAthenaQuery(athena, {
      sql: query.sql,
      parameters,
      workgroup: target.workgroup,
      database: query.database ?? target.database,
      region: target.region,
      timeoutMs: options.timeout * 1000,
      initialPollMs: context.polling?.queryInitialMs,
      maxPollMs: context.polling?.queryMaxMs,
      signal: interrupt.signal,
      onStarted: (id) => {
        running = id;
      },
      onProgress: (p) => {
        scanned = p.bytesScanned;
        progress.update(
          p.state,
          `Query ${name} (${p.executionId}): ${p.state}, ${formatDuration(p.elapsedMs)}, ${formatBytes(p.bytesScanned)} scanned`,
        );
      },
    });
    running = undefined;
    progress.done();
    const rows = await writeResult(run.result, options.format, sink.stream);
    await sink.commit();
    context.stderr.write(
      `${counted(rows, "row")}; ${scanCost(run.bytesScanned)}; ` +
        `engine time ${formatDuration(run.engineMillis)}; query ${run.executionId}\n`,
    );
  } catch (error) {
    progress.done();
    await sink.discard();
    const stopped = interrupt.signal.aborted ? running : undefined;
    const ended = endedQueryScan(error, stopped, scanned);
    if (ended !== undefined) context.stderr.write(ended);
    throw error;
  } finally {
    interrupt.dispose();
  }
}

async function runLocally(
  name: string,
  options: RunOptions,
  directory: string,
  context: CliContext,
): Promise<void> {
  const queries = loadLocalQueries(options.queries);
  const query = queries.find((q) => q.name === name);
  if (!query) {
    throw new UsageError(
      `No named query ${JSON.stringify(name)} in ${options.queries}: run "lake query list --local" to see the names.`,
    );
  }
  const lake = await openLocalLake(directory);
  const interrupt = context.interrupt();
  const started = performance.now();
  try {
    const sink = await openSink(options.output, context.stdout);
    try {
      const result = await lake.run(query, options.param, {
        signal: interrupt.signal,
      });
      const rows = await writeResult(
        {
          columns: result.columns,
          rows: untilAborted(result.rows, interrupt.signal),
        },
        options.format,
        sink.stream,
      );
      await sink.commit();
      context.stderr.write(
        `${counted(rows, "row")} in ${formatDuration(performance.now() - started)} on the local lake ${lake.directory}\n`,
      );
    } catch (error) {
      await sink.discard();
      throw error;
    }
  } finally {
    interrupt.dispose();
    lake.close();
  }
}

/** Passes rows on until the signal aborts, then rejects with its reason. */
async function* untilAborted<T>(
  rows: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  for await (const row of rows) {
    signal.throwIfAborted();
    yield row;
  }
}

async function checkLocally(
  directory: string,
  queriesDirectory: string,
  context: CliContext,
): Promise<void> {
  const queries = loadLocalQueries(queriesDirectory);
  const lake = await openLocalLake(directory);
  let checks;
  try {
    checks = await checkQueries(lake, queries);
  } finally {
    lake.close();
  }
  const width = Math.max(4, ...checks.map((c) => c.name.length));
  for (const check of checks) {
    const status = check.error === undefined ? "ok  " : "FAIL";
    const detail =
      check.error === undefined
        ? counted(check.rows, "row")
        : check.error.split("\n")[0];
    context.stdout.write(
      `${status}  ${check.name.padEnd(width)}  ${formatDuration(check.millis).padStart(9)}  ${detail}\n`,
    );
  }
  const failed = checks.filter((c) => c.error !== undefined);
  if (failed.length > 0) {
    const names = failed.map((c) => c.name).join(", ");
    throw new LocalQueryError(
      `${failed.length} of ${counted(checks.length, "named query", "named queries")} failed on the local lake ${directory}: ${names}; see the FAIL lines above.`,
    );
  }
  context.stderr.write(
    `${counted(checks.length, "named query", "named queries")} ran on ${directory}.\n`,
  );
}

/** Data scanned and its approximate cost, with the price it assumes. */
function scanCost(bytesScanned: number): string {
  return (
    `${formatBytes(bytesScanned)} scanned, about ${formatUsd(estimateQueryCost(bytesScanned))} ` +
    `(USD ${USD_PER_TB_SCANNED} per TB, ${formatBytes(MINIMUM_BILLED_BYTES)} minimum)`
  );
}

/**
 * The line on the data an Athena query scanned before it failed, was
 * cancelled or was stopped (`stopped`, by Ctrl-C, with `scanned` by the
 * last poll), or undefined when no query ran that far. Athena bills a
 * cancelled or stopped query for its data, a failed one not.
 */
function endedQueryScan(
  error: unknown,
  stopped: string | undefined,
  scanned: number,
): string | undefined {
  if (error instanceof QueryFailedError) {
    const bytes = error.bytesScanned;
    const cost =
      error.state === "FAILED"
        ? `${formatBytes(bytes)} scanned, not billed (Athena does not charge for failed queries)`
        : scanCost(bytes);
    return `Query ${error.executionId} ended ${error.state} after ${cost}.\n`;
  }
  if (error instanceof QueryTimeoutError) {
    return `Stopped Athena query ${error.executionId} after ${scanCost(error.bytesScanned)}.\n`;
  }
  if (stopped !== undefined) {
    return `Stopped Athena query ${stopped} after ${scanCost(scanned)}.\n`;
  }
  return undefined;
}
