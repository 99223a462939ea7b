/**
 * Our migrator must behave like `prisma migrate deploy`: ordered, recorded in
 * _prisma_migrations the way Prisma records it, safe when replicas start together, and
 * all-or-nothing per migration.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { openDatabase } from "~/server/db/connection";
import { migrate, MigrationError, readMigrations } from "~/server/db/migrator";
import { createTestDatabase, testTargets } from "../helpers/databases";

const tmpRoots: string[] = [];
after(() => tmpRoots.forEach((d) => rmSync(d, { recursive: true, force: true })));

function migrationsCopy(extra: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), "koo-migrations-"));
  tmpRoots.push(root);
  cpSync("prisma/migrations", root, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, "migration.sql"), sql);
  }
  return root;
}

for (const target of testTargets()) {
  describe(`migrator on ${target.name}`, { skip: target.skip }, () => {
    it("records each migration as Prisma does and is a no-op the second time", async () => {
      const { db, drop } = await createTestDatabase(target); // already migrated once
      try {
        const again = await migrate(db);
        assert.deepEqual(again.applied, []);
        assert.equal(again.alreadyApplied, readMigrations().length);
        const rows = await db.withConnection((c) =>
          c.query<{ id: string; checksum: string; migration_name: string; finished_at: Date | null; logs: string | null; rolled_back_at: Date | null; applied_steps_count: number }>(
            `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`,
          ),
        );
        const files = readMigrations();
        assert.deepEqual(rows.map((r) => r.migration_name), files.map((f) => f.name));
        for (const [i, r] of rows.entries()) {
          const sql = readFileSync(path.join("prisma/migrations", r.migration_name, "migration.sql"));
          assert.equal(r.checksum, createHash("sha256").update(sql).digest("hex"));
          assert.equal(r.checksum, files[i]!.checksum);
          assert.match(r.id, /^[0-9a-f-]{36}$/);
          assert.ok(r.finished_at instanceof Date);
          assert.equal(r.rolled_back_at, null);
          assert.equal(r.logs, null);
          assert.equal(r.applied_steps_count, 1);
        }
      } finally {
        await drop();
      }
    });

    it("applies a later migration (upgrade path) and rolls back a failing one completely", async () => {
      const { db, drop } = await createTestDatabase(target);
      try {
        const dir = migrationsCopy({
          "29990101000000_add_note": `ALTER TABLE "Instance" ADD COLUMN "note" TEXT;`,
          "29990102000000_broken": `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "does_not_exist";`,
        });
        await assert.rejects(migrate(db, { dir }), (err: unknown) => {
          assert.ok(err instanceof MigrationError);
          assert.equal(err.migration, "29990102000000_broken");
          assert.match(err.message, /does_not_exist/);
          return true;
        });
        const state = await db.withConnection(async (c) => ({
          names: (await c.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`)).map((r) => r.migration_name),
          half: (await c.query<{ n: string }>(`SELECT to_regclass('"Half"')::text AS n`))[0]?.n ?? null,
          note: (await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Instance' AND column_name = 'note'`)).length,
        }));
        assert.ok(state.names.includes("29990101000000_add_note"), "the good migration before it stays applied");
        assert.ok(!state.names.includes("29990102000000_broken"), "no row for the failed migration");
        assert.equal(state.half, null, "its first statement was rolled back too");
        assert.equal(state.note, 1);
      } finally {
        await drop();
      }
    });
  });
}

const pg = testTargets().find((t) => t.name === "PostgreSQL")!;
describe("migrator with replicas starting together", { skip: pg.skip }, () => {
  it("three processes' pools migrating one empty database at once apply each migration exactly once", async () => {
    const { db, url, drop } = await createTestDatabase(pg);
    try {
      await db.withConnection((c) => c.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`));
      const replicas = [1, 2, 3].map(() => openDatabase({ kind: "postgres", url: url!, poolSize: 2 }));
      const results = await Promise.all(replicas.map((r) => migrate(r)));
      await Promise.all(replicas.map((r) => r.close()));
      const total = readMigrations().length;
      assert.equal(results.reduce((n, r) => n + r.applied.length, 0), total);
      const rows = await db.withConnection((c) => c.query(`SELECT 1 FROM "_prisma_migrations"`));
      assert.equal(rows.length, total);
    } finally {
      await drop();
    }
  });
});
