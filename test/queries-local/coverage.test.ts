import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const QUERIES = join(__dirname, "..", "..", "queries");

/** Names of the named queries: `.sql` files one folder below `queries/`. */
function queryNames(): string[] {
  return readdirSync(QUERIES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((topic) => readdirSync(join(QUERIES, topic.name)))
    .filter((file) => file.endsWith(".sql"))
    .map((file) => file.slice(0, -".sql".length))
    .sort();
}

describe("hand-checked local tests", () => {
  test("there are queries to check", () => {
    expect(queryNames().length).toBeGreaterThan(0);
  });

  test.each(queryNames())("query %s has a hand-checked test", (name) => {
    const file = join(__dirname, `${name}.test.ts`);
    if (!existsSync(file)) {
      throw new Error(
        `query ${name} has no hand-checked test in test/queries-local/ (expected ${name}.test.ts)`,
      );
    }
  });
});
