/**
 * npm run db:migrate — applies pending migrations to DATABASE_URL (or the embedded PGlite in
 * PGLITE_DIR) and exits. `npm start` does the same at boot; use this in a deploy step.
 */
import { EnvError, getEnv } from "~/env";
import { getDatabase } from "~/server/db";
import { migrate } from "~/server/db/migrator";

try {
  getEnv();
} catch (err) {
  if (err instanceof EnvError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const db = getDatabase();
console.log(`[migrate] target: ${db.label}`);
try {
  const res = await migrate(db, { log: (l) => console.log(`[migrate] ${l}`) });
  console.log(`[migrate] done: ${res.applied.length} applied, ${res.alreadyApplied} already applied`);
  for (const m of res.modified) console.warn(`[migrate] warning: ${m} changed after it was applied`);
  for (const m of res.unknown) console.warn(`[migrate] warning: database has ${m}, unknown to this build`);
} catch (err) {
  console.error(`[migrate] ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
