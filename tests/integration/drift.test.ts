/**
 * The migrated database must match prisma/schema.prisma: a change to one without the other
 * (a forgotten migration, a hand edit) fails here with the exact difference.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actualShape, diffShapes, expectedShape } from "~/server/db/drift";
import { testTargets, useTestDatabase } from "../helpers/databases";

for (const target of testTargets()) {
  describe(`schema drift on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("the migrated database matches schema.prisma (tables, columns, types, nullability, indexes, enums)", async () => {
      const expected = expectedShape();
      assert.ok(expected.columns.size > 20, "the schema was read");
      const diff = await h.db.withConnection(async (c) => diffShapes(expected, await actualShape(c)));
      assert.deepEqual(diff, []);
    });

    it("detects drift: extra column, changed type, dropped NOT NULL, dropped unique index", async () => {
      const diff = await h.db.withConnection(async (c) => {
        await c.exec("BEGIN");
        try {
          await c.exec(`ALTER TABLE "Instance" ADD COLUMN "surprise" INTEGER`);
          await c.exec(`ALTER TABLE "Instance" ALTER COLUMN "orderId" TYPE VARCHAR(100)`);
          await c.exec(`ALTER TABLE "Instance" ALTER COLUMN "businessId" DROP NOT NULL`);
          await c.exec(`DROP INDEX "Instance_newInstanceKey_key"`);
          return diffShapes(expectedShape(), await actualShape(c));
        } finally {
          await c.exec("ROLLBACK");
        }
      });
      assert.deepEqual(diff, [
        "column Instance.businessId: schema says varchar(64) not null, database has varchar(64)",
        "column Instance.orderId: schema says varchar(64) not null, database has varchar(100) not null",
        "extra column Instance.surprise (integer)",
        "missing index Instance(unique: newInstanceKey)",
      ]);
    });
  });
}
