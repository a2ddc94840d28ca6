/**
 * `npm run lint:sql`: checks that every query file is laid out as
 * sql-formatter lays it out (Trino dialect, upper case keywords), keeping
 * the header comments and template variables as written. Lists the files
 * that are not and exits 1; `--fix` rewrites them instead.
 */
import * as fs from "node:fs";
import { runEntryPoint } from "../cli/entry";
import { formatQueryFile } from "../lib/queries/format";
import { QUERIES_DIRECTORY, readQuerySources } from "../lib/queries/loader";

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== "--fix");
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown argument ${JSON.stringify(unknown[0])}: use no argument to check the query files, or --fix to rewrite them.\n`,
    );
    return 2;
  }
  const fix = args.includes("--fix");

  const sources = readQuerySources(QUERIES_DIRECTORY);
  let failed = 0;
  let fixed = 0;
  for (const source of sources) {
    let formatted: string;
    try {
      formatted = formatQueryFile(source.text);
    } catch (error) {
      // sql-formatter reports text it cannot tokenize; the file stays as is.
      process.stderr.write(
        `${source.file}: cannot be formatted (${(error as Error).message.split("\n")[0]}): fix its syntax first\n`,
      );
      failed += 1;
      continue;
    }
    if (formatted === source.text) continue;
    if (fix) {
      fs.writeFileSync(source.file, formatted);
      process.stderr.write(`${source.file}: formatted\n`);
      fixed += 1;
    } else {
      process.stderr.write(`${source.file}: not formatted\n`);
      failed += 1;
    }
  }

  const count =
    sources.length === 1 ? "1 query file" : `${sources.length} query files`;
  if (failed > 0) {
    const hint = fix ? "" : " Run `npm run lint:sql -- --fix` to format them.";
    process.stderr.write(`${failed} of ${count} need attention.${hint}\n`);
    return 1;
  }
  process.stderr.write(
    fix ? `${count} checked, ${fixed} formatted.\n` : `${count} formatted.\n`,
  );
  return 0;
}

runEntryPoint(() => main(process.argv.slice(2)));
