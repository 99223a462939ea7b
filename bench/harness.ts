/**
 * What every benchmark shares: the ops/s loop, number formatting, and a throw-away database per
 * target (PGlite always, PostgreSQL when reachable), dropped afterwards.
 */
import type { Database } from "~/server/db/connection";
import { createTestDatabase, postgresAvailable, testTargets } from "../tests/helpers/databases";

export function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);
}

/** Runs `op` with `concurrency` workers until `total` ops are done; returns ops/s. */
export async function throughput(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** Calls `run` once per database target on a fresh database; says which targets were skipped. */
export async function forEachDatabase(run: (db: Database, target: "PGlite" | "PostgreSQL") => Promise<void>): Promise<void> {
  for (const target of testTargets()) {
    if (target.skip) {
      console.log(`${target.name}: skipped (${target.skip})`);
      continue;
    }
    process.stdout.write(`${target.name}: preparing database … `);
    const { db, drop } = await createTestDatabase(target);
    try {
      await run(db, target.name as "PGlite" | "PostgreSQL");
    } finally {
      await drop();
    }
  }
  if (!postgresAvailable()) console.log("(PostgreSQL figures missing: server not reachable)");
}
