/**
 * Test databases: every integration suite runs once on PGlite (in memory) and once on the
 * PostgreSQL server at 127.0.0.1:5432 (trust auth; each suite gets its own throw-away
 * database cloned from template0 and dropped afterwards). When PostgreSQL is unreachable
 * the PostgreSQL variant is skipped with a visible reason, and scripts/test.sh says so.
 *
 *   for (const target of testTargets()) {
 *     describe(`newInstance on ${target.name}`, { skip: target.skip }, () => {
 *       const h = useTestDatabase(target);   // before/after hooks; h.db is ready in tests
 *       ...
 *     });
 *   }
 */
import { randomBytes } from "node:crypto";
import { after, before } from "node:test";
import pg from "pg";
import { openDatabase, type Database } from "~/server/db/connection";
import { migrate } from "~/server/db/migrator";
import { setDatabaseForTests } from "~/server/db";
import { openMigratedPglite } from "./pglite-snapshot";

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface TestTarget {
  name: "PGlite" | "PostgreSQL";
  skip: false | string;
}

async function probePostgres(): Promise<boolean> {
  if (process.env.TEST_SKIP_POSTGRES === "1") return false;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
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

/** Resolved once per test file at import time (top-level await). */
const pgReachable = await probePostgres();

export function postgresAvailable(): boolean {
  return pgReachable === true;
}

export function testTargets(): TestTarget[] {
  return [
    { name: "PGlite", skip: false },
    {
      name: "PostgreSQL",
      skip: pgReachable ? false : `PostgreSQL not reachable at ${PG_ADMIN_URL} (set TEST_PG_ADMIN_URL)`,
    },
  ];
}

export interface TestDatabaseHandle {
  readonly db: Database;
  /** A connection URL for the PostgreSQL variant (for multi-process tests); undefined on PGlite. */
  readonly url: string | undefined;
}

export async function createTestDatabase(target: TestTarget): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  if (target.name === "PGlite") {
    // Loaded from a dump of a migrated directory instead of initdb + migrations each time:
    // see pglite-snapshot.ts.
    const db = await openMigratedPglite();
    return { db, drop: () => db.close() };
  }
  const name = `koo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = openDatabase({ kind: "postgres", url, poolSize: 20 });
  await migrate(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Registers before/after hooks creating a migrated database and installing it as the app's. */
export function useTestDatabase(target: TestTarget): TestDatabaseHandle {
  let current: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  before(async () => {
    if (target.skip) return;
    current = await createTestDatabase(target);
    setDatabaseForTests(current.db);
  });
  after(async () => {
    setDatabaseForTests(undefined);
    await current?.drop();
  });
  return {
    get db() {
      if (!current) throw new Error("test database not ready (used outside a test?)");
      return current.db;
    },
    get url() {
      return current?.url;
    },
  };
}
