import { PassThrough, Writable } from "node:stream";
import { counted, csvField, uniqueNames, writeResult } from "../../cli/output";
import type { QueryResult, ResultValue } from "../../lib/engine";
import { CapturedStream } from "../helpers/cli-context";

function result(rows: readonly (readonly ResultValue[])[]): QueryResult {
  return {
    columns: [
      { name: "country", type: "varchar" },
      { name: "users", type: "bigint" },
      { name: "tags", type: "array(varchar)" },
    ],
    rows: (async function* () {
      yield* rows;
    })(),
  };
}

const ROWS: (readonly ResultValue[])[] = [
  ["DE", 12, ["a", "b"]],
  ['say "hi", then\nleave', null, []],
  [null, 7, null],
];

async function render(
  format: "table" | "csv" | "json",
  rows = ROWS,
): Promise<string> {
  const out = new CapturedStream();
  await writeResult(result(rows), format, out);
  return out.text;
}

describe("writeResult", () => {
  it("writes CSV with a header row, RFC 4180 quoting and CRLF line ends", async () => {
    expect(await render("csv")).toBe(
      'country,users,tags\r\nDE,12,"[""a"",""b""]"\r\n"say ""hi"", then\nleave",,[]\r\n,7,\r\n',
    );
  });

  it("tells NULL from the empty string in CSV", async () => {
    expect(await render("csv", [["", null, null]])).toBe(
      'country,users,tags\r\n"",,\r\n',
    );
  });

  it("writes JSON as an array of objects with typed values", async () => {
    const text = await render("json");
    expect(JSON.parse(text)).toEqual([
      { country: "DE", users: 12, tags: ["a", "b"] },
      { country: 'say "hi", then\nleave', users: null, tags: [] },
      { country: null, users: 7, tags: null },
    ]);
    expect(text.split("\n")).toHaveLength(6);
  });

  it("writes an empty JSON array for no rows", async () => {
    expect(await render("json", [])).toBe("[]\n");
  });

  it("writes an aligned table with numbers on the right and NULL shown", async () => {
    expect(
      await render("table", [
        ["DE", 12, ["a"]],
        ["FR", 7, null],
        [null, 1234, []],
      ]),
    ).toBe(
      [
        "country  users  tags",
        "-------  -----  -----",
        'DE          12  ["a"]',
        "FR           7  NULL",
        "NULL      1234  []",
        "",
      ].join("\n"),
    );
  });

  it("resolves with the number of rows written", async () => {
    const out = new CapturedStream();
    await expect(writeResult(result(ROWS), "csv", out)).resolves.toBe(3);
  });

  it("waits for a full stream to drain instead of buffering every row", async () => {
    const many = Array.from({ length: 20_000 }, (_, i): ResultValue[] => [
      `c${i}`,
      i,
      null,
    ]);
    const out = new PassThrough({ highWaterMark: 1024 });
    let drains = 0;
    out.on("drain", () => (drains += 1));
    let bytes = 0;
    const reading = (async () => {
      for await (const chunk of out) bytes += (chunk as Buffer).length;
    })();
    await writeResult(result(many), "csv", out);
    out.end();
    await reading;
    expect(drains).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(200_000);
  });

  it("fails when the output stream fails", async () => {
    const broken = new Writable({
      highWaterMark: 1,
      write: (_chunk, _encoding, done) => done(new Error("disk full")),
    });
    broken.on("error", () => undefined);
    const many = Array.from({ length: 20_000 }, (_, i): ResultValue[] => [
      `c${i}`,
      i,
      null,
    ]);
    await expect(writeResult(result(many), "csv", broken)).rejects.toThrow(
      "disk full",
    );
  });
});

describe("csvField", () => {
  it("quotes only fields with commas, quotes or line breaks", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField(null)).toBe("");
    expect(csvField(true)).toBe("true");
    expect(csvField({ k: 1 })).toBe('"{""k"":1}"');
  });

  it("writes NULL as an empty field and the empty string as two quotes", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe('""');
  });
});

describe("counted", () => {
  it("puts the noun in the singular for one and the plural otherwise", () => {
    expect(counted(0, "row")).toBe("0 rows");
    expect(counted(1, "row")).toBe("1 row");
    expect(counted(2, "row")).toBe("2 rows");
    expect(counted(1, "named query", "named queries")).toBe("1 named query");
    expect(counted(3, "named query", "named queries")).toBe("3 named queries");
  });
});

describe("uniqueNames", () => {
  it("numbers repeated column names so no JSON value is lost", () => {
    const columns = ["id", "id", "name", "id"].map((name) => ({
      name,
      type: "varchar",
    }));
    expect(uniqueNames(columns)).toEqual(["id", "id_2", "name", "id_3"]);
  });
});
