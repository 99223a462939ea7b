/**
 * Hand-written SQL on the driver, for the few fixed statements of the hot paths: the signed
 * callbacks (README "Marketplace callbacks: statements per call") and the metered customer call
 * (the customer context, the account read and the batched drawdown: README "Benchmarks").
 * Everything else goes through Prisma.
 *
 * One interface for both engines: the pg Pool that @prisma/adapter-pg also uses (PostgreSQL),
 * or the embedded PGlite instance. Statements carry a name: on PostgreSQL they run as named
 * prepared statements (parsed and planned once per connection), so a name must always go with
 * the same text. Parameters are positional; write explicit casts ($1::uuid, $2::jsonb …) so
 * the plan does not depend on the values. Timestamps are passed as ISO text and cast with
 * `::text::timestamp(3)`, the way Prisma stores DateTime (UTC, no zone).
 */
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { PrismaClient } from "~/generated/prisma/client";

export interface SqlStatement {
  /** Prepared-statement name: one name, one text. */
  name: string;
  text: string;
  values: unknown[];
}

export interface Sql {
  query<T = Record<string, unknown>>(statement: SqlStatement): Promise<T[]>;
}

export function poolSql(pool: pg.Pool): Sql {
  return {
    async query<T>(s: SqlStatement) {
      const res = await pool.query({ name: s.name, text: s.text, values: s.values });
      return res.rows as T[];
    },
  };
}

export function pgliteSql(pglite: PGlite): Sql {
  return {
    // In process: nothing to gain from naming; PGlite serialises its queries with Prisma's.
    async query<T>(s: SqlStatement) {
      const res = await pglite.query<T>(s.text, s.values);
      return res.rows;
    },
  };
}

// The pipeline is handed the PrismaClient (as everywhere in the server); the driver that client
// runs on is found from it. Registered by openDatabase (connection.ts), the only place that
// creates clients. Held on globalThis, like the database itself (src/server/db.ts): Next.js
// bundles entry points separately, so this module may exist more than once in one process.
const globalForSql = globalThis as unknown as { __kooSqlByClient?: WeakMap<PrismaClient, Sql> };
const byClient = (globalForSql.__kooSqlByClient ??= new WeakMap<PrismaClient, Sql>());

export function registerSql(prisma: PrismaClient, sql: Sql): void {
  byClient.set(prisma, sql);
}

/** The driver under `prisma`; throws for a client no Database registered. */
export function sqlFor(prisma: PrismaClient): Sql {
  const sql = byClient.get(prisma);
  if (!sql) throw new Error("no SQL driver registered for this Prisma client (open it with openDatabase)");
  return sql;
}

/** Whether `prisma` runs on a registered driver (false for transaction and extended clients). */
export function hasDriverSql(prisma: PrismaClient): boolean {
  return byClient.has(prisma);
}

/**
 * Runs one statement on `prisma`'s driver. A client without one — a transaction client (the
 * statement then runs inside its transaction) or an extended client — gets the same text
 * through Prisma's raw query: the same one statement, only slower. For statements whose result
 * columns are plain values (text, int, float8, json/jsonb), which come back the same from the
 * pg driver, PGlite and Prisma (json may arrive as text from Prisma: parse it if so).
 */
export function queryVia<T>(prisma: PrismaClient, statement: SqlStatement): Promise<T[]> {
  const sql = byClient.get(prisma);
  if (sql) return sql.query<T>(statement);
  return prisma.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
}

/** A Date as the text PostgreSQL casts to timestamp(3) in UTC. */
export function sqlTime(d: Date | number): string {
  return (typeof d === "number" ? new Date(d) : d).toISOString();
}

/** A statement written with `:name` parameters, compiled once to positional ones. */
export interface Prepared {
  name: string;
  text: string;
  keys: readonly string[];
}

// `:name`, but not the `::type` of a cast.
const PARAM = /(?<![:\w]):([A-Za-z_]\w*)/g;

export function prepare(name: string, text: string): Prepared {
  const keys: string[] = [];
  const compiled = text.replace(PARAM, (_m, key: string) => {
    let i = keys.indexOf(key);
    if (i < 0) i = keys.push(key) - 1;
    return `$${i + 1}`;
  });
  return { name, text: compiled, keys };
}

export function bind(p: Prepared, params: Record<string, unknown>): SqlStatement {
  const values = p.keys.map((k) => {
    if (!(k in params)) throw new Error(`statement ${p.name}: no value for :${k}`);
    const v = params[k];
    return v === undefined ? null : v;
  });
  return { name: p.name, text: p.text, values };
}
