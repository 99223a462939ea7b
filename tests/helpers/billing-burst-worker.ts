/**
 * A replica that meters without end until it is killed (the crash test in
 * tests/integration/billing-batching.test.ts): 32 concurrent callers, each debiting 1 unit with a
 * fresh idempotency key, batched by the process like an app server's. Prints "started".
 *   node --import tsx tests/helpers/billing-burst-worker.ts <databaseUrl> <instanceId> <meter>
 */
import { consume } from "~/server/billing/consume";
import { setCatalogForTests } from "~/server/billing/config";
import { openDatabase } from "~/server/db/connection";
import { TEST_CATALOG } from "./billing";

const [url, instanceId, meter] = process.argv.slice(2);
setCatalogForTests(TEST_CATALOG);
const db = openDatabase({ kind: "postgres", url: url!, poolSize: 8 });
// openDatabase registers its driver: the hot path runs on it, as in the app (src/server/db/sql.ts).
let seq = 0;
process.stdout.write("started\n");
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (;;) {
      await consume(db.prisma, { instanceId: instanceId!, meter: meter!, amount: 1, idempotencyKey: `burst-${process.pid}-${seq++}` }).catch(() => {});
    }
  }),
);
