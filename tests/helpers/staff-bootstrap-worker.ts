/**
 * One "replica" for the first-owner bootstrap test: its own pool on the given PostgreSQL database,
 * N concurrent ensureFirstOwner calls with the environment credential. Prints how many of its
 * calls created the owner.
 *   node --import tsx tests/helpers/staff-bootstrap-worker.ts <databaseUrl> <userName> <password> <n>
 */
import { openDatabase } from "~/server/db/connection";
import { ensureFirstOwner } from "~/server/staff/accounts";

const [url, userName, password, n] = process.argv.slice(2);
const db = openDatabase({ kind: "postgres", url: url!, poolSize: 5 });
const created = await Promise.all(Array.from({ length: Number(n) }, () => ensureFirstOwner(db.prisma, { userName: userName!, password: password! }, Date.now())));
process.stdout.write(JSON.stringify(created.filter(Boolean).length));
await db.close();
