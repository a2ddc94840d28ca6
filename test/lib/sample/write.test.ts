import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { UsageError } from "../../../lib/errors";
import { DATASETS, RAW_ZONE } from "../../../lib/layout";
import { parseSampleOptions, writeSampleLake } from "../../../lib/sample/write";
import { tempDir } from "../../helpers/local-lake";

// The module object itself, so that spies reach the code under test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsPromises: typeof import("node:fs/promises") = require("node:fs/promises");

const SMALL = { days: "20", users: "300", apps: "12", seed: "7" };

function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(root, path).split("\\").join("/"));
    }
  };
  walk(root);
  return files.sort();
}

function readRecords(root: string, file: string): Record<string, unknown>[] {
  const bytes = readFileSync(join(root, file));
  const text = file.endsWith(".gz")
    ? gunzipSync(bytes).toString("utf8")
    : bytes.toString("utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function writeSmall(
  gzip = false,
  extra: Record<string, string> = {},
): Promise<string> {
  const out = join(tempDir(), "lake");
  await writeSampleLake(parseSampleOptions({ out, gzip, ...SMALL, ...extra }));
  return out;
}

describe("writeSampleLake", () => {
  test("two runs with the same arguments write byte-identical files, gzip included", async () => {
    for (const gzip of [false, true]) {
      const first = await writeSmall(gzip);
      const second = await writeSmall(gzip);
      const files = listFiles(first);
      expect(listFiles(second)).toEqual(files);
      for (const file of files) {
        expect(
          readFileSync(join(second, file)).equals(
            readFileSync(join(first, file)),
          ),
        ).toBe(true);
      }
    }
  });

  test("a different seed gives different data", async () => {
    const first = await writeSmall(false);
    const other = await writeSmall(false, { seed: "8" });
    const file = "raw/users/dt=2026-11-30/part-00000.json";
    expect(readFileSync(join(other, file))).not.toEqual(
      readFileSync(join(first, file)),
    );
  });

  test("gzip files carry no name and a zero modification time", async () => {
    const out = await writeSmall(true);
    const bytes = readFileSync(
      join(out, "raw/apps/dt=2026-11-30/part-00000.json.gz"),
    );
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    // FLG has no FNAME bit; MTIME (bytes 4-7) is zero.
    expect(bytes[3] & 0x08).toBe(0);
    expect(bytes.readUInt32LE(4)).toBe(0);
  });

  test("writes every file in the lake layout, one partition per date ending on the end date", async () => {
    const out = await writeSmall();
    const files = listFiles(out);
    for (const file of files) {
      expect(file).toMatch(
        /^raw\/(users|apps)\/dt=\d{4}-\d{2}-\d{2}\/part-\d{5}\.json$/,
      );
    }
    const appDates = files
      .filter((f) => f.startsWith(`${RAW_ZONE}/apps/`))
      .map((f) => f.split("/")[2]);
    expect(appDates).toHaveLength(20);
    expect(appDates[0]).toBe("dt=2026-11-11");
    expect(appDates[19]).toBe("dt=2026-11-30");
  });

  test("writes only fields of the layout, in layout order, with the required ones always present", async () => {
    const out = await writeSmall();
    for (const dataset of DATASETS) {
      const names = dataset.fields.map((f) => f.name);
      const required = dataset.fields
        .filter((f) => !f.optional)
        .map((f) => f.name);
      for (const file of listFiles(out).filter((f) =>
        f.includes(`/${dataset.name}/`),
      )) {
        for (const record of readRecords(out, file)) {
          const keys = Object.keys(record);
          expect(keys).toEqual(names.filter((n) => keys.includes(n)));
          for (const name of required) expect(record).toHaveProperty(name);
        }
      }
    }
  });

  test("leaves optional fields out of some records", async () => {
    const out = await writeSmall();
    const users = listFiles(out)
      .filter((f) => f.includes("/users/"))
      .flatMap((f) => readRecords(out, f));
    for (const field of ["country", "locale", "opt_ins"]) {
      expect(users.some((u) => !(field in u))).toBe(true);
      expect(users.some((u) => field in u)).toBe(true);
    }
  });

  test("installed apps of every user exist in the catalogue of the same date", async () => {
    const out = await writeSmall();
    for (const file of listFiles(out).filter((f) => f.includes("/users/"))) {
      const catalogue = new Set(
        readRecords(out, file.replace("/users/", "/apps/")).map(
          (a) => a.app_id,
        ),
      );
      for (const user of readRecords(out, file)) {
        for (const app of user.installed_apps as string[])
          expect(catalogue.has(app)).toBe(true);
      }
    }
  });

  test("writes referral_source only from its since date on, and then on some records", async () => {
    const out = await writeSmall();
    const files = listFiles(out).filter((f) => f.includes("/users/"));
    const before = files.filter((f) => f < "raw/users/dt=2026-11-15");
    const after = files.filter((f) => f >= "raw/users/dt=2026-11-15");
    expect(before.length).toBeGreaterThan(0);
    expect(
      before
        .flatMap((f) => readRecords(out, f))
        .some((u) => "referral_source" in u),
    ).toBe(false);
    expect(
      after
        .flatMap((f) => readRecords(out, f))
        .some((u) => "referral_source" in u),
    ).toBe(true);
  });

  test("users form a change feed: later records of a user keep the sign-up time", async () => {
    const out = await writeSmall();
    const seen = new Map<string, string>();
    let changes = 0;
    for (const file of listFiles(out).filter((f) => f.includes("/users/"))) {
      for (const user of readRecords(out, file)) {
        const id = user.user_id as string;
        const signup = seen.get(id);
        if (signup === undefined) {
          expect(user.updated_at).toBe(user.signup_ts);
          seen.set(id, user.signup_ts as string);
        } else {
          changes += 1;
          expect(user.signup_ts).toBe(signup);
          expect((user.updated_at as string) > signup).toBe(true);
        }
      }
    }
    expect(seen.size).toBe(300);
    expect(changes).toBeGreaterThan(0);
  });

  test("apps are a daily snapshot of the whole catalogue with installs growing", async () => {
    const out = await writeSmall();
    const first = readRecords(out, "raw/apps/dt=2026-11-11/part-00000.json");
    const last = readRecords(out, "raw/apps/dt=2026-11-30/part-00000.json");
    expect(first.map((a) => a.app_id)).toEqual(last.map((a) => a.app_id));
    expect(first).toHaveLength(12);
    first.forEach((app, i) =>
      expect(last[i].installs as number).toBeGreaterThan(
        app.installs as number,
      ),
    );
  });

  test("replaces a lake written before with --force and leaves no staging folder", async () => {
    const parent = tempDir();
    const out = join(parent, "lake");
    await writeSampleLake(
      parseSampleOptions({ out, gzip: true, ...SMALL, days: "2" }),
    );
    expect(listFiles(out)).toContain(
      "raw/users/dt=2026-11-30/part-00000.json.gz",
    );
    await writeSampleLake(parseSampleOptions({ out, force: true, ...SMALL }));
    const files = listFiles(out);
    expect(files).toHaveLength(40);
    expect(files.every((f) => f.endsWith(".json"))).toBe(true);
    expect(readdirSync(parent)).toEqual(["lake"]);
  });

  test("replaces an empty directory without --force", async () => {
    const out = join(tempDir(), "lake");
    mkdirSync(out);
    await writeSampleLake(parseSampleOptions({ out, ...SMALL, days: "1" }));
    expect(listFiles(out)).toHaveLength(2);
  });

  test("rejects --force on a lake beside a foreign file and deletes nothing", async () => {
    const parent = tempDir();
    const out = join(parent, "lake");
    await writeSampleLake(parseSampleOptions({ out, ...SMALL, days: "2" }));
    writeFileSync(join(out, "notes.txt"), "keep");
    const before = listFiles(out);
    await expect(
      writeSampleLake(parseSampleOptions({ out, force: true, ...SMALL })),
    ).rejects.toThrow(
      new UsageError(
        `lake sample: --out ${JSON.stringify(out)} holds more than a lake ("notes.txt"), so --force does not replace it: --force replaces only a directory holding nothing but raw/<dataset>/dt=YYYY-MM-DD/ folders of .json or .json.gz files. Choose another --out, or empty the directory yourself.`,
      ),
    );
    expect(listFiles(out)).toEqual(before);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("keep");
    expect(readdirSync(parent)).toEqual(["lake"]);
  });

  test("rejects --force on a working tree, naming the first foreign entries and how many more", async () => {
    const parent = tempDir();
    const out = join(parent, "repo");
    for (const folder of [
      ".git",
      "lib",
      "raw/users/dt=2026-11-30",
      "raw/events",
    ])
      mkdirSync(join(out, folder), { recursive: true });
    writeFileSync(join(out, "package.json"), "{}");
    writeFileSync(join(out, "raw/users/dt=2026-11-30/part-00000.json"), "{}");
    writeFileSync(join(out, "raw/users/dt=2026-11-30/_SUCCESS"), "");
    writeFileSync(join(out, "raw/users/dt=2026-11-30/.part-00000.json"), "");
    const before = listFiles(out);
    await expect(
      writeSampleLake(parseSampleOptions({ out, force: true, ...SMALL })),
    ).rejects.toThrow(
      `lake sample: --out ${JSON.stringify(out)} holds more than a lake (".git/", "lib/", "package.json" and 3 more), so --force does not replace it: --force replaces only a directory holding nothing but raw/<dataset>/dt=YYYY-MM-DD/ folders of .json or .json.gz files. Choose another --out, or empty the directory yourself.`,
    );
    expect(listFiles(out)).toEqual(before);
    expect(readdirSync(join(out, "lib"))).toEqual([]);
    expect(readdirSync(parent)).toEqual(["repo"]);
  });

  test("rejects --force when a foreign file appears while the lake is written", async () => {
    const parent = tempDir();
    const out = join(parent, "lake");
    await writeSampleLake(parseSampleOptions({ out, ...SMALL, days: "1" }));
    const write = writeSampleLake(
      parseSampleOptions({ out, force: true, ...SMALL, days: "2" }),
      (done) => {
        if (done === 1) writeFileSync(join(out, "late.txt"), "keep");
      },
    );
    await expect(write).rejects.toThrow(
      `lake sample: --out ${JSON.stringify(out)} holds more than a lake ("late.txt"), so --force`,
    );
    expect(listFiles(out)).toEqual([
      "late.txt",
      "raw/apps/dt=2026-11-30/part-00000.json",
      "raw/users/dt=2026-11-30/part-00000.json",
    ]);
    expect(readdirSync(parent)).toEqual(["lake"]);
  });

  test("reports progress once per date", async () => {
    const calls: [number, number][] = [];
    const out = join(tempDir(), "lake");
    await writeSampleLake(
      parseSampleOptions({ out, ...SMALL, days: "3" }),
      (done, total) => calls.push([done, total]),
    );
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  test("rejects a non-empty directory without --force and writes nothing", async () => {
    const parent = tempDir();
    const out = join(parent, "lake");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "keep");
    await expect(
      writeSampleLake(parseSampleOptions({ out, ...SMALL })),
    ).rejects.toThrow(
      new UsageError(
        `lake sample: --out ${JSON.stringify(out)} is not empty: choose an empty or new directory, or pass --force to replace a lake written there before.`,
      ),
    );
    expect(listFiles(out)).toEqual(["keep.txt"]);
    expect(readdirSync(parent)).toEqual(["lake"]);
  });

  test("rejects an --out that is a file", async () => {
    const out = join(tempDir(), "file");
    writeFileSync(out, "x");
    await expect(
      writeSampleLake(parseSampleOptions({ out, ...SMALL })),
    ).rejects.toThrow(
      `lake sample: --out ${JSON.stringify(out)} is a file, not a directory: choose another path.`,
    );
  });
  test("rejects an --out whose folder does not exist and creates nothing", async () => {
    const parent = tempDir();
    const out = join(parent, "missing", "lake");
    await expect(
      writeSampleLake(parseSampleOptions({ out, ...SMALL })),
    ).rejects.toThrow(
      new UsageError(
        `lake sample: --out ${JSON.stringify(out)} cannot be created: the folder ${JSON.stringify(join(parent, "missing"))} does not exist; create it first or choose another path.`,
      ),
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  test("rejects an --out inside a file", async () => {
    const parent = tempDir();
    writeFileSync(join(parent, "file"), "x");
    const out = join(parent, "file", "lake");
    await expect(
      writeSampleLake(parseSampleOptions({ out, ...SMALL })),
    ).rejects.toThrow(
      new UsageError(
        `lake sample: --out ${JSON.stringify(out)} cannot be created: ${JSON.stringify(join(parent, "file"))} is a file, not a directory; choose another path.`,
      ),
    );
  });

  test("fails with a usage error naming --out when the folder may not be written", async () => {
    const parent = tempDir();
    const out = join(parent, "lake");
    const staging = join(parent, `.lake.partial-${process.pid}`);
    const denied = Object.assign(
      new Error(`EACCES: permission denied, mkdir '${staging}'`),
      { code: "EACCES", path: staging },
    );
    const mkdir = jest.spyOn(fsPromises, "mkdir").mockRejectedValue(denied);
    try {
      await expect(
        writeSampleLake(parseSampleOptions({ out, ...SMALL })),
      ).rejects.toThrow(
        new UsageError(
          `lake sample: cannot write --out ${JSON.stringify(out)}: permission denied (EACCES) at ${JSON.stringify(staging)}; choose a directory you may write to.`,
        ),
      );
    } finally {
      mkdir.mockRestore();
    }
    expect(readdirSync(parent)).toEqual([]);
  });

  test("fails with a usage error naming --out when the disk is full", async () => {
    const parent = tempDir();
    const out = join(parent, "lake");
    const full = Object.assign(
      new Error("ENOSPC: no space left on device, write"),
      { code: "ENOSPC" },
    );
    const rename = jest.spyOn(fsPromises, "rename").mockRejectedValue(full);
    try {
      await expect(
        writeSampleLake(parseSampleOptions({ out, ...SMALL, days: "1" })),
      ).rejects.toThrow(
        new UsageError(
          `lake sample: cannot write --out ${JSON.stringify(out)}: no space left on device (ENOSPC); free some disk space or choose a directory on another disk.`,
        ),
      );
    } finally {
      rename.mockRestore();
    }
    expect(readdirSync(parent)).toEqual([]);
  });

  test("lets an unexpected file-system error through unchanged", async () => {
    const out = join(tempDir(), "lake");
    const odd = Object.assign(new Error("EIO: i/o error, mkdir"), {
      code: "EIO",
    });
    const mkdir = jest.spyOn(fsPromises, "mkdir").mockRejectedValue(odd);
    try {
      await expect(
        writeSampleLake(parseSampleOptions({ out, ...SMALL })),
      ).rejects.toBe(odd);
    } finally {
      mkdir.mockRestore();
    }
  });
});

describe("parseSampleOptions", () => {
  test("fills in the defaults", () => {
    expect(parseSampleOptions({ out: "lake" })).toEqual({
      out: "lake",
      days: 30,
      users: 1000,
      apps: 50,
      seed: 1,
      endDate: "2026-11-30",
      gzip: false,
      force: false,
    });
  });

  test("rejects bad values, naming every option with its value and rule", () => {
    const parse = () =>
      parseSampleOptions({
        out: "lake",
        days: "ten",
        users: "0",
        apps: "1.5",
        seed: "-1",
        endDate: "2026-02-30",
      });
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(
      [
        "lake sample has 5 problems:",
        '  - --days: must be a whole number from 1 to 3,660, got "ten"',
        '  - --users: must be a whole number from 1 to 999,999, got "0"',
        '  - --apps: must be a whole number from 1 to 9,999, got "1.5"',
        '  - --seed: must be a whole number from 0 to 4,294,967,295, got "-1"',
        '  - --end-date: must be a calendar date YYYY-MM-DD, got "2026-02-30"',
        "Fix the options above and run again.",
      ].join("\n"),
    );
  });

  test("rejects a missing --out", () => {
    expect(() => parseSampleOptions({ out: " " })).toThrow(
      [
        "lake sample has 1 problem:",
        '  - --out: must name the directory to write the lake to, got " "',
        "Fix the options above and run again.",
      ].join("\n"),
    );
  });
});
