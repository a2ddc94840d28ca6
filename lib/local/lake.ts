/**
 * The local engine: runs named queries with DuckDB over a lake directory on
 * disk laid out like the data bucket (`raw/<dataset>/dt=YYYY-MM-DD/*.json[.gz]`),
 * with one view per dataset named and typed like the Glue table.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBConnection,
  DuckDBInstance,
  DuckDBType,
  DuckDBValue,
  VARCHAR,
  dateValue,
} from "@duckdb/node-api";
import { QueryResult, ResultValue } from "../engine";
import { PlatformError, UsageError, showValue } from "../errors";
import {
  DATASETS,
  DATA_FILE_EXTENSIONS,
  DatasetSpec,
  PARTITION_KEY,
  RAW_ZONE,
} from "../layout";
import { NamedQuery } from "../queries/loader";
import {
  BindValue,
  ParamType,
  QueryParam,
  bindParameters,
} from "../queries/params";
import { QueryVariables } from "../queries/template";
import {
  UnsupportedConstructError,
  compatStatements,
  toDuckDbSql,
} from "./compat";
import { datasetColumns } from "./schema";
import { athenaTypeName, toResultValue } from "./values";

/** Options of a local lake. */
export interface LocalLakeOptions {
  /**
   * DuckDB worker threads.
   * @default DuckDB's default, one per CPU core
   */
  readonly threads?: number;
}

/** Options of one local query run. */
export interface RunOptions {
  /**
   * Stops the query when aborted: DuckDB is interrupted mid-query and the
   * run, or the next row read, rejects with the signal's reason.
   * @default none; the query runs to the end
   */
  readonly signal?: AbortSignal;
}

/** What DuckDB read for one table scan of a profiled query. */
export interface ScanProfile {
  /** Scan function, e.g. `READ_JSON`. */
  readonly function: string;
  /**
   * Files read, relative to the lake directory, with `/` separators. DuckDB
   * names the files only when partition filters pruned some; when it read
   * every file it reports the view's glob instead.
   */
  readonly filesRead: readonly string[];
  /** How many files DuckDB read. */
  readonly totalFilesRead: number;
  /** `read/total` files as DuckDB reports it after partition pruning, e.g. `1/4`. */
  readonly scanning: string;
}

/** DuckDB's profile of one run of a query. */
export interface QueryProfile {
  readonly scans: readonly ScanProfile[];
  /** DuckDB's full JSON profile, for anything `scans` does not cover. */
  readonly raw: unknown;
}

/** A lake directory opened for local queries. */
export interface LocalLake {
  /** Absolute path of the lake directory. */
  readonly directory: string;
  /**
   * Runs a named query with parameter values as given on the command line
   * (`2026-11-02`, `10`); values are bound, never spliced into the SQL.
   */
  run(
    query: NamedQuery,
    params: readonly string[],
    options?: RunOptions,
  ): Promise<QueryResult>;
  /** Runs a named query under EXPLAIN ANALYZE and returns DuckDB's profile. */
  profile(query: NamedQuery, params: readonly string[]): Promise<QueryProfile>;
  /** Releases DuckDB; the lake cannot run queries afterwards. */
  close(): void;
}

/**
 * Template variables for queries run locally: the tables are views in
 * DuckDB's default `memory` catalogue, and there are no buckets.
 */
export const LOCAL_QUERY_VARIABLES: QueryVariables = {
  database: "memory",
  data_bucket: "local",
  results_bucket: "local",
  environment: "local",
  workgroup: "local",
};

/** A query that DuckDB refused or failed to run. */
export class LocalQueryError extends PlatformError {}

/**
 * Opens a lake directory: checks it, then starts an in-memory DuckDB with a
 * view per dataset and the Trino compatibility macros.
 *
 * @throws UsageError when the directory or its `raw/` folder is missing.
 */
export async function openLocalLake(
  directory: string,
  options: LocalLakeOptions = {},
): Promise<LocalLake> {
  const root = resolve(directory);
  checkLakeDirectory(directory, root);

  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(":memory:", config);
  const setup = await instance.connect();
  try {
    for (const dataset of DATASETS) {
      await setup.run(viewStatement(root, dataset));
    }
  } finally {
    setup.closeSync();
  }

  const connect = async (): Promise<DuckDBConnection> => {
    const connection = await instance.connect();
    for (const statement of compatStatements()) await connection.run(statement);
    return connection;
  };

  return {
    directory: root,
    run: async (query, params, runOptions = {}) => {
      const { signal } = runOptions;
      signal?.throwIfAborted();
      const values = bindValues(query, params);
      const sql = toDuckDbSql(query.sql, query.name);
      const connection = await connect();
      // Interrupting stops DuckDB mid-query, not only between rows.
      const interrupt = () => connection.interrupt();
      signal?.addEventListener("abort", interrupt, { once: true });
      const release = () => {
        signal?.removeEventListener("abort", interrupt);
        connection.closeSync();
      };
      try {
        signal?.throwIfAborted();
        const prepared = await connection.prepare(sql);
        prepared.bind(values.values, values.types);
        const result = await prepared.stream();
        const columns = result.columnNames().map((name, i) => ({
          name,
          type: athenaTypeName(result.columnType(i)),
        }));
        return {
          columns,
          rows: streamRows(result.yieldRows(), release, query, signal),
        };
      } catch (error) {
        release();
        throw signal?.aborted ? signal.reason : describeFailure(error, query);
      }
    },
    profile: async (query, params) => {
      const values = bindValues(query, params);
      const sql = toDuckDbSql(query.sql, query.name);
      const connection = await connect();
      try {
        const prepared = await connection.prepare(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        );
        prepared.bind(values.values, values.types);
        const reader = await prepared.runAndReadAll();
        const raw: unknown = JSON.parse(String(reader.getRows()[0][1]));
        return { scans: collectScans(raw, root), raw };
      } catch (error) {
        throw describeFailure(error, query);
      } finally {
        connection.closeSync();
      }
    },
    close: () => instance.closeSync(),
  };
}

/**
 * The view over one dataset's files, typed from the layout rather than
 * sniffed. It reads the data files of each partition folder (`.json`,
 * `.json.gz`) and skips what the Glue crawler and Athena skip: names
 * starting with `.` or `_` (`_SUCCESS`, `.part-00000.json.crc`), other
 * extensions (`.json.tmp`) and subfolders such as `_temporary/`.
 */
export function viewStatement(root: string, dataset: DatasetSpec): string {
  const columns = datasetColumns(dataset);
  const folder = join(root, RAW_ZONE, dataset.name);
  const extensions = dataFileExtensions(folder);
  if (extensions.length === 0) {
    // No files yet: an empty table with the same columns, as Athena would see.
    const nulls = columns.map(
      (c) => `CAST(NULL AS ${c.duckdb}) AS "${c.name}"`,
    );
    return `CREATE VIEW "${dataset.name}" AS SELECT ${nulls.join(", ")} WHERE false`;
  }
  const spec = columns
    .filter((c) => c.name !== PARTITION_KEY)
    .map((c) => `"${c.name}": ${sqlString(c.duckdb)}`)
    .join(", ");
  // One glob per extension present: DuckDB fails on a glob matching nothing.
  const globs = extensions.map((extension) =>
    sqlString(
      `${folder}/${PARTITION_KEY}=*/[!._]*${extension}`.split(sep).join("/"),
    ),
  );
  return [
    `CREATE VIEW "${dataset.name}" AS SELECT * FROM read_json([${globs.join(", ")}],`,
    `format = 'newline_delimited', compression = 'auto_detect',`,
    `hive_partitioning = true, hive_types = {'${PARTITION_KEY}': 'VARCHAR'},`,
    `union_by_name = true, columns = {${spec}})`,
  ].join(" ");
}

function checkLakeDirectory(given: string, root: string): void {
  const fix = `pass a directory laid out like the data bucket, such as one written by \`lake sample --out DIR\``;
  if (given.trim() === "") {
    throw new UsageError(
      `Local lake directory must be a path, got ${showValue(given)}: ${fix}.`,
    );
  }
  const kind = pathKind(root);
  if (kind === "missing") {
    throw new UsageError(
      `Local lake directory ${showValue(given)} does not exist: pass a directory laid out like the data bucket, or create one with \`lake sample --out ${given}\`.`,
    );
  }
  if (kind === "other") {
    throw new UsageError(
      `Local lake directory ${showValue(given)} is a file, not a directory: ${fix}.`,
    );
  }
  if (pathKind(join(root, RAW_ZONE)) !== "directory") {
    throw new UsageError(
      `Local lake directory ${showValue(given)} has no ${RAW_ZONE}/ folder: a lake holds ${RAW_ZONE}/<dataset>/${PARTITION_KEY}=YYYY-MM-DD/*.json[.gz]; create one with \`lake sample --out ${given}\`.`,
    );
  }
}

/** Whether `path` is a directory, something else, or missing (or unreadable). */
function pathKind(path: string): "directory" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "other";
  } catch {
    return "missing";
  }
}

/** The data file extensions found in a dataset's partition folders, in layout order. */
function dataFileExtensions(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const found = new Set<string>();
  for (const partition of readdirSync(folder, { withFileTypes: true })) {
    if (
      !partition.isDirectory() ||
      !partition.name.startsWith(`${PARTITION_KEY}=`)
    )
      continue;
    for (const file of readdirSync(join(folder, partition.name), {
      withFileTypes: true,
    })) {
      if (!file.isFile() || /^[._]/.test(file.name)) continue;
      const extension = DATA_FILE_EXTENSIONS.find((e) => file.name.endsWith(e));
      if (extension !== undefined) found.add(extension);
    }
  }
  return DATA_FILE_EXTENSIONS.filter((e) => found.has(e));
}

/** DuckDB types to bind each declared parameter type as. */
const PARAM_TYPES: Record<ParamType, DuckDBType> = {
  varchar: VARCHAR,
  bigint: BIGINT,
  double: DOUBLE,
  boolean: BOOLEAN,
  date: DATE,
};

/**
 * Turns command-line values into typed DuckDB values, one per `?`, with the
 * same rules and messages as for Athena.
 */
function bindValues(
  query: NamedQuery,
  params: readonly string[],
): { values: DuckDBValue[]; types: DuckDBType[] } {
  const bound = bindParameters(query, params);
  const values = query.params.map((param, i) =>
    duckdbValue(param, bound.values[i]),
  );
  return { values, types: query.params.map((p) => PARAM_TYPES[p.type]) };
}

function duckdbValue(param: QueryParam, value: BindValue): DuckDBValue {
  switch (param.type) {
    case "bigint":
      return BigInt(value);
    case "date": {
      const [year, month, day] = String(value).split("-").map(Number);
      return dateValue({ year, month, day });
    }
    default:
      return value;
  }
}

async function* streamRows(
  batches: AsyncIterableIterator<DuckDBValue[][]>,
  release: () => void,
  query: NamedQuery,
  signal: AbortSignal | undefined,
): AsyncGenerator<readonly ResultValue[]> {
  try {
    for await (const batch of batches) {
      for (const row of batch) yield row.map(toResultValue);
    }
  } catch (error) {
    throw signal?.aborted ? signal.reason : describeFailure(error, query);
  } finally {
    release();
  }
}

/** DuckDB's error with the query named; DuckDB's own wording is kept after it. */
function describeFailure(error: unknown, query: NamedQuery): Error {
  if (error instanceof PlatformError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const missing =
    /(?:Scalar|Aggregate|Table) Function with name "?([A-Za-z_0-9]+)"? does not exist/i.exec(
      message,
    );
  if (missing) {
    return new UnsupportedConstructError(
      query.name,
      `the function ${missing[1]}()`,
      "neither DuckDB nor the compatibility layer in lib/local/compat.ts provides it",
    );
  }
  const firstLine = message.split("\n")[0].replace(/^Error:\s*/, "");
  return new LocalQueryError(
    `Query ${query.name} (${query.file}) failed on the local lake: ${firstLine}`,
  );
}

function collectScans(plan: unknown, root: string): ScanProfile[] {
  const scans: ScanProfile[] = [];
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    const info = (record.extra_info ?? {}) as Record<string, unknown>;
    if (
      record.operator_type === "TABLE_SCAN" &&
      typeof info.Function === "string"
    ) {
      const names =
        typeof info["Filename(s)"] === "string" ? info["Filename(s)"] : "";
      const filesRead = names
        .split(/[\n,]/)
        .map((f) => f.trim())
        .filter((f) => f !== "")
        .map((f) => relative(root, f).split(sep).join("/"))
        .sort();
      scans.push({
        function: info.Function,
        filesRead,
        totalFilesRead: Number(info["Total Files Read"] ?? 0),
        scanning: String(info["Scanning Files"] ?? ""),
      });
    }
    const children = record.children;
    if (Array.isArray(children)) children.forEach(visit);
  };
  visit(plan);
  return scans;
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
