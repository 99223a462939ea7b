/**
 * Zero overdraft across processes: N worker processes × M callers each debit 1 with consume() on
 * one 用完即停 package of `quota` (PostgreSQL only: PGlite is one process). Exactly `quota` debits
 * must succeed, every caller must end on PACKAGE_EXHAUSTED, and grant.used, the ledger and the
 * debit rows must all equal `quota`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Database } from "~/server/db/connection";
import { BenchFailure, ledgerProblems } from "../checks";
import type { SeededPackage } from "../seed";
import { packageFigures } from "./metered";

interface WorkerResult {
  ok: number;
  refused: Record<string, number>;
  errors: string[];
  seconds: number;
}

function startWorker(url: string, instanceId: string, callers: number) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "scenarios", "overdraft-worker.ts"), url, instanceId, String(callers)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const iterator = lines[Symbol.asyncIterator]();
  const nextLine = async (what: string) => {
    const r = await iterator.next();
    if (r.done) throw new BenchFailure(`overdraft worker ${child.pid} ended before ${what}`);
    return r.value;
  };
  return { child, nextLine };
}

export interface OverdraftResult {
  line: string;
  debitsPerSecond: number;
}

export async function overdraftCheck(
  db: Database,
  url: string,
  pkg: SeededPackage,
  opts: { processes: number; callers: number },
  log: (line: string) => void,
): Promise<OverdraftResult> {
  log(`overdraft: ${opts.processes} processes × ${opts.callers} callers on one package of ${pkg.quota}`);
  const workers = Array.from({ length: opts.processes }, () => startWorker(url, pkg.instanceId, opts.callers));
  try {
    for (const w of workers) if ((await w.nextLine("ready")) !== "ready") throw new BenchFailure("overdraft worker did not start");
    for (const w of workers) w.child.stdin!.write("go\n");
    const results = await Promise.all(workers.map(async (w) => JSON.parse(await w.nextLine("its result")) as WorkerResult));
    const ok = results.reduce((s, r) => s + r.ok, 0);
    const exhausted = results.reduce((s, r) => s + (r.refused.PACKAGE_EXHAUSTED ?? 0), 0);
    const otherRefusals = results.flatMap((r) => Object.entries(r.refused).filter(([code]) => code !== "PACKAGE_EXHAUSTED"));
    const problems: string[] = [];
    for (const r of results) problems.push(...r.errors.map((e) => `error: ${e}`));
    if (otherRefusals.length) problems.push(`unexpected refusals: ${JSON.stringify(otherRefusals)}`);
    if (ok !== pkg.quota) problems.push(`${ok} debits succeeded on a package of ${pkg.quota}${ok > pkg.quota ? " (OVERDRAFT)" : ""}`);
    if (exhausted !== opts.processes * opts.callers) problems.push(`${exhausted} callers stopped on PACKAGE_EXHAUSTED, expected all ${opts.processes * opts.callers}`);
    problems.push(...ledgerProblems("overdraft package", { clientDebits: ok, ...(await packageFigures(db, pkg)) }));
    if (problems.length) throw new BenchFailure(`overdraft check: ${problems.join("; ")}`);
    const seconds = Math.max(...results.map((r) => r.seconds));
    return {
      line: `${opts.processes} processes × ${opts.callers} callers on a package of ${pkg.quota}: exactly ${ok} debits, no overdraft, grant.used = ledger = debits ✓`,
      debitsPerSecond: ok / seconds,
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGTERM");
  }
}
