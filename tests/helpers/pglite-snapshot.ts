/**
 * A migrated PGlite data directory, made once and reused by every PGlite test database.
 *
 * Why: starting an empty PGlite runs initdb inside WebAssembly and then our 15 migrations; on a
 * loaded 2-core CI machine that took 70–135 s per test suite, most of the integration run.
 * Loading a dump of an already migrated directory (`loadDataDir`) skips both. The dump is the
 * product of the real migrator (src/server/db/migrator.ts), so a suite sees exactly what
 * `migrate()` leaves behind, `_prisma_migrations` rows included; the migrator's own tests
 * (tests/integration/migrator.test.ts) still start from empty databases.
 *
 * The dump is cached per process and on disk under .data/test-cache/, keyed by the migration
 * files, the migrator's source and the PGlite version, so a changed migration never meets a
 * stale dump. It is written to a temporary name and renamed, so a reader in another process sees
 * a whole file or none.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { databaseOnPglite, type Database } from "~/server/db/connection";
import { migrate } from "~/server/db/migrator";

const MIGRATIONS_DIR = path.join("prisma", "migrations");
const CACHE_DIR = path.join(".data", "test-cache");

function snapshotKey(): string {
  const hash = createHash("sha256");
  for (const dir of readdirSync(MIGRATIONS_DIR).sort()) {
    const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
    if (!existsSync(file)) continue;
    hash.update(dir).update("\0").update(readFileSync(file)).update("\0");
  }
  hash.update(readFileSync(path.join("src", "server", "db", "migrator.ts")));
  hash.update(JSON.parse(readFileSync(path.join("node_modules", "@electric-sql", "pglite", "package.json"), "utf8")).version);
  return hash.digest("hex").slice(0, 16);
}

async function makeSnapshot(file: string): Promise<Blob> {
  const pglite = new PGlite();
  const db = databaseOnPglite(pglite, "PGlite (snapshot source)");
  try {
    await migrate(db);
    const dump = await pglite.dumpDataDir("none");
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return dump;
  } finally {
    await db.close();
  }
}

let snapshot: Promise<Blob> | undefined;

/** The migrated dump: from this process's memory, else the disk cache, else made now. */
export function migratedPgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const file = path.join(CACHE_DIR, `pglite-migrated-${snapshotKey()}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    return makeSnapshot(file);
  })();
  return snapshot;
}

/** A fresh in-memory PGlite holding the migrated schema and no rows, as after `migrate()`. */
export async function openMigratedPglite(): Promise<Database> {
  const pglite = new PGlite({ loadDataDir: await migratedPgliteSnapshot() });
  return databaseOnPglite(pglite, "PGlite (in memory)");
}
