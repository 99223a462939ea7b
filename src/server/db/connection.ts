/**
 * Opens the database: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise an
 * embedded PGlite (pglite-prisma-adapter) persisted in a directory (or in memory for tests).
 *
 * Besides the Prisma client, a `Database` exposes one raw connection primitive used by the
 * migrator and the drift test, so both work identically on the two engines.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { logger } from "~/server/observability/logger";
import { pgliteSql, poolSql, registerSql, type Sql } from "./sql";

/** A single connection on which a script may run statements in order (used under a lock). */
export interface RawConnection {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement SQL script (no parameters). */
  exec(script: string): Promise<void>;
}

export interface Database {
  kind: "postgres" | "pglite";
  /** Human-readable target for logs (never contains a password). */
  label: string;
  prisma: PrismaClient;
  /** SQL on the same driver as `prisma` (the pool or the PGlite instance): see sql.ts. */
  sql: Sql;
  /** Borrow one dedicated connection (PostgreSQL) or the embedded instance (PGlite). */
  withConnection<T>(fn: (conn: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dir: string | "memory" };

export function openDatabase(target: DatabaseTarget): Database {
  return target.kind === "postgres" ? openPostgres(target.url, target.poolSize ?? 10) : openPglite(target.dir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client error (e.g. the server restarted) must not crash the process; the pool
  // discards the client and the next query reconnects.
  pool.on("error", (err) => logger("db").error({ err: err.message }, "idle PostgreSQL client error"));
  // pg-pool's end() resolves as soon as it has *asked* its idle clients to disconnect, not once
  // their sockets are closed (brianc/node-postgres#2328, #3287). Track the open clients so that
  // close() can wait for the server to have really let go of them: otherwise a caller that
  // drops or restarts the database right after close() terminates live backends, and the
  // resulting FATAL reaches the still-attached idle error listener above.
  const openClients = new Set<pg.PoolClient>();
  pool.on("connect", (client) => {
    openClients.add(client);
    client.once("end", () => openClients.delete(client));
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql = poolSql(pool);
  registerSql(prisma, sql);
  const u = new URL(url);
  return {
    kind: "postgres",
    label: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`,
    prisma,
    sql,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (text, params) => (await client.query(text, params as unknown[])).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
      // Every client has now been told to end; wait for the ones whose socket is still open.
      await Promise.all([...openClients].map((client) => socketClosed(client, CLOSE_WAIT_MS)));
    },
  };
}

/** Upper bound on waiting for a PostgreSQL server to close a connection we asked to end. */
const CLOSE_WAIT_MS = 5_000;

/** Resolves when the client's socket has closed ("end"), or after `ms` (an unresponsive server). */
function socketClosed(client: pg.PoolClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once("end", done);
    function done() {
      clearTimeout(timer);
      client.removeListener("end", done);
      resolve();
    }
  });
}

function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") ? rel : p;
}

function openPglite(dir: string): Database {
  let dataDir: string | undefined;
  if (dir !== "memory") {
    dataDir = path.resolve(dir);
    mkdirSync(dataDir, { recursive: true });
  }
  return databaseOnPglite(new PGlite(dataDir), dataDir ? `PGlite ${displayPath(dataDir)}` : "PGlite (in memory)");
}

/** A Database on an already opened PGlite (openDatabase, and tests that observe the instance). */
export function databaseOnPglite(pglite: PGlite, label: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql = pgliteSql(pglite);
  registerSql(prisma, sql);
  return {
    kind: "pglite",
    label,
    prisma,
    sql,
    async withConnection(fn) {
      return fn({
        query: async (text, params) => (await pglite.query(text, params as unknown[])).rows as never[],
        exec: async (script) => {
          await pglite.exec(script);
        },
      });
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
