import { readFileSync } from "node:fs";
import { DATASETS } from "../lib/layout";

const readme = readFileSync("README.md", "utf8");
const scripts: Record<string, string> = JSON.parse(
  readFileSync("package.json", "utf8"),
).scripts;

function section(title: string): string {
  const start = readme.indexOf(`### \`${title}\``);
  if (start < 0) throw new Error(`README has no section for ${title}`);
  const end = readme.indexOf("\n#", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("README", () => {
  test.each(DATASETS.map((d) => [d.name, d] as const))(
    "documents every field of the %s dataset of the layout contract",
    (_name, dataset) => {
      const text = section(dataset.name);
      const documented = [...text.matchAll(/^\| `([a-z_]+)`\s*\|/gm)].map(
        (m) => m[1],
      );
      expect(documented).toEqual(dataset.fields.map((f) => f.name));
    },
  );

  test("names only npm scripts that exist", () => {
    const used = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !(name in scripts))).toEqual([]);
  });
});
