/** npm run db:drift — prints differences between prisma/schema.prisma and the migrated database. */
import { getDatabase } from "~/server/db";
import { actualShape, diffShapes, expectedShape } from "~/server/db/drift";

const db = getDatabase();
const diff = await db.withConnection(async (c) => diffShapes(expectedShape(), await actualShape(c)));
await db.close();
if (diff.length === 0) console.log(`[drift] ${db.label} matches prisma/schema.prisma`);
else {
  console.error(`[drift] ${db.label} differs from prisma/schema.prisma:\n  ${diff.join("\n  ")}`);
  process.exitCode = 1;
}
