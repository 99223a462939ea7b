/**
 * One "replica" for the multi-process metering test: its own connection pool to the given
 * PostgreSQL database, N concurrent consume() calls on one instance. Prints
 * {"ok": n, "refused": {code: count}} on stdout.
 *   node --import tsx tests/helpers/billing-replica-worker.ts <databaseUrl> <instanceId> <n> <amount>
 */
import { consume } from "~/server/billing/consume";
import { setCatalogForTests } from "~/server/billing/config";
import { openDatabase } from "~/server/db/connection";
import { AppError } from "~/server/errors";
import { TEST_CATALOG } from "./billing";

const [url, instanceId, n, amount] = process.argv.slice(2);
setCatalogForTests(TEST_CATALOG);
const db = openDatabase({ kind: "postgres", url: url!, poolSize: 8 });
// openDatabase registers its driver: the hot path runs on it, as in the app (src/server/db/sql.ts).
const results = await Promise.allSettled(
  Array.from({ length: Number(n) }, (_, i) =>
    consume(db.prisma, { instanceId: instanceId!, meter: "calls", amount: Number(amount), idempotencyKey: `replica-${process.pid}-${i}` }),
  ),
);
const refused: Record<string, number> = {};
for (const r of results) {
  if (r.status === "rejected") {
    const code = r.reason instanceof AppError ? r.reason.code : String(r.reason);
    refused[code] = (refused[code] ?? 0) + 1;
  }
}
process.stdout.write(JSON.stringify({ ok: results.filter((r) => r.status === "fulfilled").length, refused }));
await db.close();
