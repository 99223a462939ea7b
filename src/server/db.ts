/**
 * The one place that creates the process-wide database (Prisma client + raw access).
 *
 * DATABASE_URL set → PostgreSQL (several replicas may share it). Unset → embedded PGlite in
 * PGLITE_DIR. The instance lives on globalThis so that Next.js' separately bundled entry
 * points (instrumentation, route handlers, server components) and dev hot reloads share one
 * PGlite — two PGlite instances on one directory would corrupt it.
 */
import { getEnv } from "~/env";
import { openDatabase, type Database } from "./db/connection";
import { migrate } from "./db/migrator";
import { registerSql } from "./db/sql";
import { logger } from "./observability/logger";

const globalForDb = globalThis as unknown as {
  __kooDatabase?: Database;
  __kooDatabaseReady?: Promise<Database>;
};

export function getDatabase(): Database {
  if (!globalForDb.__kooDatabase) {
    const env = getEnv();
    globalForDb.__kooDatabase = env.DATABASE_URL
      ? openDatabase({ kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE })
      : openDatabase({ kind: "pglite", dir: env.PGLITE_DIR });
  }
  return globalForDb.__kooDatabase;
}

/** The process database if it has been opened or installed already (never opens one). */
export function installedDatabase(): Database | undefined {
  return globalForDb.__kooDatabase;
}

/** Opens the database and applies pending migrations once per process. */
export function ensureDatabaseReady(log: (line: string) => void = (l) => logger("db").info(l)): Promise<Database> {
  globalForDb.__kooDatabaseReady ??= (async () => {
    const database = getDatabase();
    const res = await migrate(database, { log });
    log(`${database.label}: ${res.applied.length} migration(s) applied, ${res.alreadyApplied} already applied`);
    for (const m of res.modified) log(`warning: applied migration ${m} was modified after it ran`);
    for (const m of res.unknown) log(`warning: database has migration ${m} which this build does not know`);
    return database;
  })();
  return globalForDb.__kooDatabaseReady;
}

/**
 * Tests install their own database (PGlite in memory or a PostgreSQL schema). Its driver is
 * registered for its Prisma client, which may be a wrapper of an opened one (statement counters).
 */
export function setDatabaseForTests(database: Database | undefined): void {
  if (database) registerSql(database.prisma, database.sql);
  globalForDb.__kooDatabase = database;
  globalForDb.__kooDatabaseReady = database ? Promise.resolve(database) : undefined;
}
