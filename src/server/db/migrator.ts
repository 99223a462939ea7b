/**
 * Applies prisma/migrations/<name>/migration.sql in order, the way `prisma migrate deploy`
 * would, without Prisma's native schema engine (not available offline).
 *
 * - Holds Prisma's own advisory lock (72707369), so replicas booting together — or a real
 *   `prisma migrate deploy` — never apply the same migration twice.
 * - Each migration runs in one transaction together with its `_prisma_migrations` row
 *   (checksum = sha256 hex of the file, as Prisma computes it), so a failing migration leaves
 *   no trace and the error names it.
 * - Rows it writes are what Prisma writes, so `prisma migrate status/deploy` agree with it on
 *   a machine that has the engine.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database, RawConnection } from "./connection";

/** The key Prisma Migrate passes to pg_advisory_lock. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  /** Applied migrations whose file changed since (Prisma warns about these too). */
  modified: string[];
  /** Rows in the database with no folder here (a newer release ran against this DB). */
  unknown: string[];
}

export class MigrationError extends Error {
  constructor(
    public readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed and was rolled back: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "MigrationError";
  }
}

export function defaultMigrationsDir(): string {
  // Read at run time from the deployment's working directory (not bundled): the comment keeps
  // Turbopack from tracing the whole project into the server output because of this path.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), "prisma/migrations");
}

export function readMigrations(dir = defaultMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql, "utf8").digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(
  db: Database,
  opts: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const files = readMigrations(opts.dir);
  return db.withConnection(async (conn) => {
    await conn.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      return await applyPending(conn, files, log);
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
  });
}

async function applyPending(
  conn: RawConnection,
  files: MigrationFile[],
  log: (line: string) => void,
): Promise<MigrateResult> {
  await conn.exec(CREATE_TABLE);
  const rows = await conn.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length) {
    // Same refusal as Prisma's P3009: a half-applied migration needs a human.
    throw new Error(
      `Database has failed migrations (${failed.map((r) => r.migration_name).join(", ")}). ` +
        `Fix the database, then mark them with \`prisma migrate resolve\`.`,
    );
  }
  const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  const result: MigrateResult = {
    applied: [],
    alreadyApplied: 0,
    modified: [],
    unknown: [...done.keys()].filter((n) => !files.some((f) => f.name === n)),
  };
  for (const file of files) {
    const row = done.get(file.name);
    if (row) {
      result.alreadyApplied++;
      if (row.checksum !== file.checksum) result.modified.push(file.name);
      continue;
    }
    log(`applying ${file.name} …`);
    const started = Date.now();
    await conn.exec("BEGIN");
    try {
      const id = randomUUID();
      await conn.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, file.checksum, file.name],
      );
      await conn.exec(file.sql);
      await conn.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      await conn.exec("COMMIT");
    } catch (err) {
      await conn.exec("ROLLBACK").catch(() => {});
      throw new MigrationError(file.name, err);
    }
    result.applied.push(file.name);
    log(`applied ${file.name} in ${Date.now() - started} ms`);
  }
  return result;
}
