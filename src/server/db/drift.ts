/**
 * Schema drift check: compares what prisma/schema.prisma declares (read through Prisma's own
 * schema parser, the WASM build of prisma-schema) with what the migrated database really has:
 * tables, columns, column types, nullability, enums and indexes (unique, primary, plain).
 *
 * Prisma's `migrate diff` would do this with the native schema engine, which cannot be
 * installed offline; this covers what our migrations can get wrong. Used by
 * tests/integration/drift.test.ts and `npm run db:drift`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { RawConnection } from "./connection";

interface DmmfField {
  name: string;
  kind: "scalar" | "enum" | "object" | "unsupported";
  dbName: string | null;
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

export interface SchemaShape {
  /** "Table.column" → "type [not null]" */
  columns: Map<string, string>;
  /** "Table(kind: col1,col2)" where kind is unique (incl. primary key) or index */
  indexes: Set<string>;
  /** enum name → comma-joined values */
  enums: Map<string, string>;
}

function typeFromDmmf(f: DmmfField, enums: Map<string, string>): string {
  if (f.kind === "enum") return `enum ${enums.has(f.type) ? f.type : f.type}`;
  const [native, args] = f.nativeType ?? [null, []];
  const arg = args?.[0];
  switch (f.type) {
    case "String":
      if (native === "VarChar") return arg ? `varchar(${arg})` : "varchar";
      if (native === "Char") return `char(${arg})`;
      if (native === "Uuid") return "uuid";
      return "text";
    case "Int":
      return native === "SmallInt" ? "smallint" : "integer";
    case "BigInt":
      return "bigint";
    case "Boolean":
      return "boolean";
    case "Float":
      return native === "Real" ? "real" : "double precision";
    case "Decimal":
      return `numeric(${args?.join(",") || "65,30"})`;
    case "DateTime":
      if (native === "Date") return "date";
      return `${native === "Timestamptz" ? "timestamptz" : "timestamp"}(${arg ?? 3})`;
    case "Json":
      return native === "Json" ? "json" : "jsonb";
    case "Bytes":
      return "bytea";
    default:
      return `unknown ${f.type}`;
  }
}

export function expectedShape(schemaPath = "prisma/schema.prisma"): SchemaShape {
  const require = createRequire(import.meta.url);
  const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(schemaPath, "utf8") }))) as Dmmf;
  const enums = new Map(dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name).join(",")]));
  const columns = new Map<string, string>();
  const models = new Map(dmmf.datamodel.models.map((m) => [m.name, m]));
  const colName = (m: DmmfModel, field: string) => {
    const f = m.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  for (const m of dmmf.datamodel.models) {
    const table = m.dbName ?? m.name;
    for (const f of m.fields) {
      if (f.kind === "object") continue;
      const t = typeFromDmmf(f, enums) + (f.isList ? "[]" : "");
      columns.set(`${table}.${f.dbName ?? f.name}`, `${t}${f.isRequired ? " not null" : ""}`);
    }
  }
  const indexes = new Set<string>();
  for (const ix of dmmf.datamodel.indexes) {
    const m = models.get(ix.model);
    if (!m) continue;
    const kind = ix.type === "normal" ? "index" : "unique";
    indexes.add(`${m.dbName ?? m.name}(${kind}: ${ix.fields.map((f) => colName(m, f.name)).join(",")})`);
  }
  return { columns, indexes, enums };
}

export async function actualShape(conn: RawConnection): Promise<SchemaShape> {
  const cols = await conn.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    character_maximum_length: number | null;
    datetime_precision: number | null;
    numeric_precision: number | null;
    numeric_scale: number | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length,
            datetime_precision, numeric_precision, numeric_scale
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
  );
  const columns = new Map<string, string>();
  for (const c of cols) {
    let t: string;
    switch (c.data_type) {
      case "character varying":
        t = c.character_maximum_length ? `varchar(${c.character_maximum_length})` : "varchar";
        break;
      case "character":
        t = `char(${c.character_maximum_length})`;
        break;
      case "timestamp without time zone":
        t = `timestamp(${c.datetime_precision})`;
        break;
      case "timestamp with time zone":
        t = `timestamptz(${c.datetime_precision})`;
        break;
      case "numeric":
        t = `numeric(${c.numeric_precision},${c.numeric_scale})`;
        break;
      case "USER-DEFINED":
        t = `enum ${c.udt_name}`;
        break;
      case "ARRAY":
        t = `${c.udt_name.replace(/^_/, "")}[]`;
        break;
      default:
        t = c.data_type;
    }
    columns.set(`${c.table_name}.${c.column_name}`, `${t}${c.is_nullable === "NO" ? " not null" : ""}`);
  }
  const idx = await conn.query<{ table_name: string; is_unique: boolean; columns: string }>(
    `SELECT t.relname AS table_name, ix.indisunique AS is_unique,
            string_agg(a.attname, ',' ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations' AND t.relkind = 'r'
      GROUP BY ix.indexrelid, t.relname, ix.indisunique`,
  );
  const indexes = new Set(idx.map((i) => `${i.table_name}(${i.is_unique ? "unique" : "index"}: ${i.columns})`));
  const en = await conn.query<{ name: string; vals: string }>(
    `SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS vals
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  return { columns, indexes, enums: new Map(en.map((e) => [e.name, e.vals])) };
}

/** Human-readable differences; empty when the database matches the schema. */
export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const [k, v] of expected.columns) {
    const a = actual.columns.get(k);
    if (a === undefined) out.push(`missing column ${k} (${v})`);
    else if (a !== v) out.push(`column ${k}: schema says ${v}, database has ${a}`);
  }
  for (const k of actual.columns.keys()) if (!expected.columns.has(k)) out.push(`extra column ${k} (${actual.columns.get(k)})`);
  for (const k of expected.indexes) if (!actual.indexes.has(k)) out.push(`missing index ${k}`);
  for (const k of actual.indexes) if (!expected.indexes.has(k)) out.push(`extra index ${k}`);
  for (const [k, v] of expected.enums) {
    const a = actual.enums.get(k);
    if (a !== v) out.push(`enum ${k}: schema says [${v}], database has [${a ?? "nothing"}]`);
  }
  for (const k of actual.enums.keys()) if (!expected.enums.has(k)) out.push(`extra enum ${k}`);
  return out.sort();
}
