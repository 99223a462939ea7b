/**
 * Group commit for debits: concurrent consume() calls of one process for the same account,
 * meter and rule join one drawdown statement (drawdown-sql.ts) instead of queueing one by one
 * on the grant row lock.
 *
 * A fresh lane waits one macrotask (setImmediate) before its first statement, so that requests
 * released together — the callers a shared account read or the previous batch just answered —
 * go in one statement instead of a lone first one and a second for the rest. While a lane's
 * statement runs, new requests wait in its queue; when it returns, everything queued goes in the
 * next statement. A lone request therefore waits at most one turn of the event loop, and under
 * load each statement serves a whole batch: the row lock is taken once per batch, not once
 * per debit. Nothing here is trusted for correctness — balances, keys and admission are decided
 * by the statement under row locks, so other processes' batches interleave safely. This module
 * only holds callbacks for requests whose statement has not answered yet; if the process dies,
 * the statement either committed (the callers' retries replay their keys) or did not (they redo).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { runDrawdownBatch, type DrawdownInput, type DrawdownRequest, type DrawdownRow, type DrawdownShared } from "./drawdown-sql";

/** Larger batches hold the grant lock longer than they save; 256 is far above real bursts. */
const MAX_BATCH = 256;

interface Waiting {
  request: DrawdownRequest;
  resolve(row: DrawdownRow): void;
  reject(err: unknown): void;
}

interface Lane {
  shared: DrawdownShared;
  queue: Waiting[];
}

/** Counters for tests and benchmarks: how many statements served how many requests. */
export const debitBatchStats = { statements: 0, requests: 0 };

/** Lanes per database client (tests run several databases in one process). */
const lanesByClient = new WeakMap<PrismaClient, Map<string, Lane>>();

/** A lane key part, length-prefixed ("-" for null) so that no two different inputs share a key. */
function part(v: string | null | undefined): string {
  return v == null ? "-" : `${v.length}:${v}`;
}

/**
 * Requests join a lane only when everything but amount, key and instance is the same (the
 * remembered account's fingerprint included: one batch, one check). `now`
 * joins the key only when the caller injected a clock (tests); real requests are debited at the
 * time their statement runs. Built from parts rather than JSON.stringify: every debit builds one.
 */
function laneKey(i: DrawdownInput, injectedNow: boolean): string {
  let key = `${part(i.accountKey)}${part(i.meter)}${part(i.shortfall)}${part(i.overflowTo)}${part(i.packageBilledTo)}${part(i.requiredGrantKey)}`;
  key += `${i.liveInstanceIds.length}[`;
  for (const id of i.liveInstanceIds) key += part(id);
  return `${key}${part(i.remembered?.fingerprint)}${part(i.remembered?.instanceId)}${injectedNow ? part(String(i.now.getTime())) : "-"}`;
}

/** Takes up to MAX_BATCH waiting requests with distinct keys; a repeated key waits for the next round. */
function takeBatch(queue: Waiting[]): Waiting[] {
  const keys = new Set<string>();
  const batch: Waiting[] = [];
  for (let i = 0; i < queue.length && batch.length < MAX_BATCH; ) {
    const w = queue[i]!;
    if (keys.has(w.request.idempotencyKey)) {
      i++;
      continue;
    }
    keys.add(w.request.idempotencyKey);
    batch.push(w);
    queue.splice(i, 1);
  }
  return batch;
}

async function drain(prisma: PrismaClient, lanes: Map<string, Lane>, key: string, lane: Lane, injectedNow: boolean): Promise<void> {
  try {
    while (lane.queue.length > 0) {
      const batch = takeBatch(lane.queue);
      const shared = injectedNow ? lane.shared : { ...lane.shared, now: new Date() };
      debitBatchStats.statements++;
      debitBatchStats.requests += batch.length;
      try {
        const rows = await runDrawdownBatch(prisma, shared, batch.map((w) => w.request));
        batch.forEach((w, k) => w.resolve(rows[k]!));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
  } finally {
    lanes.delete(key);
  }
}

/** One request's drawdown, batched with concurrent requests of the same lane. */
export function batchedDrawdown(prisma: PrismaClient, input: DrawdownInput, opts: { injectedNow: boolean }): Promise<DrawdownRow> {
  let lanes = lanesByClient.get(prisma);
  if (!lanes) lanesByClient.set(prisma, (lanes = new Map()));
  const key = laneKey(input, opts.injectedNow);
  const { amount, idempotencyKey, instanceId, ...shared } = input;
  return new Promise<DrawdownRow>((resolve, reject) => {
    const waiting: Waiting = { request: { amount, idempotencyKey, instanceId }, resolve, reject };
    const lane = lanes.get(key);
    if (lane) {
      lane.queue.push(waiting);
      return;
    }
    const fresh: Lane = { shared, queue: [waiting] };
    lanes.set(key, fresh);
    setImmediate(() => void drain(prisma, lanes, key, fresh, opts.injectedNow));
  });
}
