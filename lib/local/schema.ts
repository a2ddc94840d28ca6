/**
 * Column types of the local tables, derived from the lake layout. DuckDB is
 * given these explicitly instead of sniffing the files, so that a local
 * table has the same columns and types as the Glue table the crawler builds
 * over the same files, whatever the files happen to contain.
 */
import { DatasetSpec, PARTITION_KEY } from "../layout";
import { PlatformError } from "../errors";

/** A column of a local table with its DuckDB and its Glue/Athena type. */
export interface LocalColumn {
  readonly name: string;
  /** DuckDB type, e.g. `STRUCT("email" BOOLEAN)`. */
  readonly duckdb: string;
  /** Type as the Glue crawler writes it into the catalogue, e.g. `struct<email:boolean>`. */
  readonly glue: string;
}

/** A parsed JSON shape from `FieldSpec.json`. */
type Shape =
  | { readonly kind: "scalar"; readonly name: string }
  | { readonly kind: "array"; readonly element: Shape }
  | {
      readonly kind: "struct";
      readonly fields: readonly { name: string; shape: Shape }[];
    };

/**
 * How each JSON scalar becomes a column. The crawler's JSON classifier types
 * integers as `int` while every sampled value fits 32 bits and `bigint`
 * beyond; cumulative counters outgrow 32 bits, so integers are `bigint`.
 */
const SCALARS: Record<string, { duckdb: string; glue: string }> = {
  string: { duckdb: "VARCHAR", glue: "string" },
  boolean: { duckdb: "BOOLEAN", glue: "boolean" },
  integer: { duckdb: "BIGINT", glue: "bigint" },
  number: { duckdb: "DOUBLE", glue: "double" },
};

/** The columns of a dataset's table: its fields in layout order, then `dt`. */
export function datasetColumns(dataset: DatasetSpec): LocalColumn[] {
  const fields = dataset.fields.map((field) => {
    const shape = parseShape(field.json, `${dataset.name}.${field.name}`);
    return {
      name: field.name,
      duckdb: duckdbType(shape),
      glue: glueType(shape),
    };
  });
  // The crawler types hive partition keys as strings.
  return [
    ...fields,
    { name: PARTITION_KEY, duckdb: "VARCHAR", glue: "string" },
  ];
}

/** Parses a JSON shape such as `array<struct<a:string,b:boolean>>`. */
export function parseShape(text: string, where: string): Shape {
  let position = 0;
  const fail = (): never => {
    throw new PlatformError(
      `lib/layout.ts: field ${where} has the JSON shape ${JSON.stringify(text)}, which is not string, boolean, integer, number, array<...> or struct<name:shape,...> (stopped at character ${position + 1}); fix the shape in lib/layout.ts.`,
    );
  };
  const word = (): string => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(position));
    if (!match) return fail();
    position += match[0].length;
    return match[0];
  };
  const expect = (char: string): void => {
    if (text[position] !== char) fail();
    position += 1;
  };
  const shape = (): Shape => {
    const name = word();
    if (name === "array") {
      expect("<");
      const element = shape();
      expect(">");
      return { kind: "array", element };
    }
    if (name === "struct") {
      expect("<");
      const fields: { name: string; shape: Shape }[] = [];
      do {
        if (fields.length > 0) expect(",");
        const fieldName = word();
        expect(":");
        fields.push({ name: fieldName, shape: shape() });
      } while (text[position] === ",");
      expect(">");
      return { kind: "struct", fields };
    }
    if (!(name in SCALARS)) fail();
    return { kind: "scalar", name };
  };
  const result = shape();
  if (position !== text.length) fail();
  return result;
}

function duckdbType(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return SCALARS[shape.name].duckdb;
    case "array":
      return `${duckdbType(shape.element)}[]`;
    case "struct":
      return `STRUCT(${shape.fields
        .map((f) => `"${f.name}" ${duckdbType(f.shape)}`)
        .join(", ")})`;
  }
}

function glueType(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return SCALARS[shape.name].glue;
    case "array":
      return `array<${glueType(shape.element)}>`;
    case "struct":
      return `struct<${shape.fields
        .map((f) => `${f.name}:${glueType(f.shape)}`)
        .join(",")}>`;
  }
}
