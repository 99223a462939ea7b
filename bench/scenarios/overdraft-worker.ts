/**
 * One process of the overdraft check: its own connection pool to the PostgreSQL database,
 * `callers` concurrent callers debiting 1 with consume() on one package until it refuses.
 * Prints "ready" once connected, starts on a line "go" on stdin (so all processes start
 * together), and ends with one JSON line {ok, refused, errors, seconds}.
 *
 *   node --import tsx bench/scenarios/overdraft-worker.ts <databaseUrl> <instanceId> <callers>
 */
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { consume } from "~/server/billing/consume";
import { openDatabase } from "~/server/db/connection";
import { AppError } from "~/server/errors";
import { POOL_SIZE } from "../databases";
import { METER } from "../seed";

const [url, instanceId, callersArg] = process.argv.slice(2);
const db = openDatabase({ kind: "postgres", url: url!, poolSize: POOL_SIZE });
await db.withConnection((c) => c.query("SELECT 1"));
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
lines.close();

let ok = 0;
const refused: Record<string, number> = {};
const errors: string[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(callersArg) }, async () => {
    for (;;) {
      try {
        await consume(db.prisma, { instanceId: instanceId!, meter: METER, amount: 1, idempotencyKey: randomUUID() });
        ok++;
      } catch (err) {
        if (err instanceof AppError) refused[err.code] = (refused[err.code] ?? 0) + 1;
        else errors.push((err as Error).message);
        return;
      }
    }
  }),
);
process.stdout.write(`${JSON.stringify({ ok, refused, errors, seconds: (performance.now() - started) / 1000 })}\n`);
await db.close();
