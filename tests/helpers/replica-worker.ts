/**
 * One "replica" for multi-process tests: opens its own connection pool to the given
 * PostgreSQL database and delivers the same signed newInstance call N times concurrently.
 * Prints the instanceIds it was answered with as JSON on stdout.
 *   node --import tsx tests/helpers/replica-worker.ts <databaseUrl> <orderJson> <n>
 */
import { openDatabase } from "~/server/db/connection";
import { callBase } from "./marketplace";

const [url, orderJson, n] = process.argv.slice(2);
const db = openDatabase({ kind: "postgres", url: url!, poolSize: 10 });
const order = JSON.parse(orderJson!) as Record<string, unknown>;
const results = await Promise.all(
  Array.from({ length: Number(n) }, (_, i) => callBase(db.prisma, { ...order, businessId: `biz-${process.pid}-${i}` })),
);
process.stdout.write(JSON.stringify(results.map((r) => ({ code: r.json.resultCode, id: r.json.instanceId }))));
await db.close();
