/**
 * Throw-away databases of one bench run: a PostgreSQL database created on the admin URL's server
 * and dropped at the end, or PGlite directories under the OS temp folder, removed at the end.
 * Each is migrated with the app's own migrator, so the app and the baseline see the same schema.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database, type DatabaseTarget } from "~/server/db/connection";
import { migrate } from "~/server/db/migrator";
import { onInterrupt } from "./cleanup";

export interface BenchDatabase {
  /** How to open it (app code, baseline server, worker processes). */
  target: DatabaseTarget;
  label: string;
  drop(): Promise<void>;
}

/** The connection pool size of every server and in-process client (the app's default). */
export const POOL_SIZE = 10;

export async function postgresReachable(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `koo_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(adminUrl, `CREATE DATABASE "${name}" TEMPLATE template0`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const bench: BenchDatabase = {
    target: { kind: "postgres", url: u.toString(), poolSize: POOL_SIZE },
    label: `PostgreSQL ${u.host}/${name}`,
    drop: onInterrupt(() => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
  await migrated(bench);
  return bench;
}

export async function createPgliteDatabase(role: string): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `koo-bench-${role}-`));
  const bench: BenchDatabase = {
    target: { kind: "pglite", dir },
    label: `PGlite ${dir}`,
    drop: onInterrupt(async () => rmSync(dir, { recursive: true, force: true })),
  };
  await migrated(bench);
  return bench;
}

async function migrated(bench: BenchDatabase): Promise<void> {
  await withDatabase(bench, (db) => migrate(db, { log: () => {} }));
}

/**
 * Opens the database in this process for `fn`, then closes it. A PGlite directory may be open in
 * one process only: call this only while no server runs on it.
 */
export async function withDatabase<T>(bench: BenchDatabase, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase(bench.target);
    try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
