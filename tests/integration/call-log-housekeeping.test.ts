/**
 * Call-log hygiene (src/server/marketplace/housekeeping.ts) on PGlite and PostgreSQL, with an
 * injected clock: calls cut off by a crash are closed as interrupted (and shown so to staff),
 * old calls are deleted in bounded batches after CALL_LOG_RETENTION_DAYS, expired nonces go,
 * replicas running it at once share the work, and the worker cycle runs it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Session } from "next-auth";
import type { PrismaClient } from "~/generated/prisma/client";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { runBillingCycle } from "~/server/billing/worker";
import { closeCall } from "~/server/marketplace/call-log";
import { callLogHousekeeping, closeInterruptedCalls, INTERRUPTED_AFTER_MS } from "~/server/marketplace/housekeeping";
import { testTargets, useTestDatabase } from "../helpers/databases";

const DAY = 86_400_000;
const MIN = 60_000;
const T = Date.UTC(2027, 5, 1, 12, 0, 0);

const staffSession: Session = { expires: new Date(T + 3600_000).toISOString(), user: { kind: "staff", name: "admin", role: "owner" } };

async function call(prisma: PrismaClient, tag: string, receivedAtMs: number, completed: boolean) {
  const row = await prisma.marketplaceCall.create({
    data: {
      channel: "base",
      path: "/api/marketplace",
      orderId: tag,
      receivedAt: new Date(receivedAtMs),
      ...(completed ? { resultCode: "000000", resultMsg: "success.", completedAt: new Date(receivedAtMs + 50) } : {}),
    },
  });
  return row.id;
}

for (const target of testTargets()) {
  describe(`call-log housekeeping on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const p = () => h.db.prisma;

    it("closes calls open longer than the limit as interrupted, once, and a late completion clears it", async () => {
      const crashed = await call(p(), "hk-crashed", T - INTERRUPTED_AFTER_MS - MIN, false);
      const running = await call(p(), "hk-running", T - INTERRUPTED_AFTER_MS + MIN, false);
      const done = await call(p(), "hk-done", T - 2 * INTERRUPTED_AFTER_MS, true);

      assert.equal(await closeInterruptedCalls(p(), T), 1);
      const rows = await p().marketplaceCall.findMany({ where: { id: { in: [crashed, running, done] } } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      assert.equal(byId.get(crashed)!.interruptedAt?.getTime(), T);
      assert.equal(byId.get(crashed)!.resultCode, null, "no answer was given, so no code is invented");
      assert.equal(byId.get(running)!.interruptedAt, null);
      assert.equal(byId.get(done)!.interruptedAt, null);

      assert.equal(await closeInterruptedCalls(p(), T + MIN), 0, "a second run changes nothing");
      assert.equal((await p().marketplaceCall.findUniqueOrThrow({ where: { id: crashed } })).interruptedAt?.getTime(), T);

      // Staff see it as such.
      const seen = await createCaller(createContextInner({ session: staffSession })).callLog.byId({ id: crashed });
      assert.equal(seen.interruptedAt?.getTime(), T);
      assert.equal(seen.resultCode, null);

      await closeCall(p(), crashed, { resultCode: "000000", resultMsg: "success.", responseBody: {}, httpStatus: 200, latencyMs: 1 });
      assert.equal((await p().marketplaceCall.findUniqueOrThrow({ where: { id: crashed } })).interruptedAt, null);
    });

    it("deletes calls past the retention in bounded batches and keeps the rest", async () => {
      const old = Array.from({ length: 25 }, (_, i) => call(p(), `hk-old-${i}`, T - 91 * DAY - i * MIN, true));
      await Promise.all(old);
      const kept = await call(p(), "hk-recent", T - 89 * DAY, true);
      const count = () => p().marketplaceCall.count({ where: { orderId: { startsWith: "hk-old-" } } });

      const first = await callLogHousekeeping(p(), { nowMs: T, retentionDays: 90, batchSize: 10, maxBatches: 2 });
      assert.equal(first.deletedCalls, 20, "two batches of ten per run");
      assert.equal(await count(), 5);
      const second = await callLogHousekeeping(p(), { nowMs: T, retentionDays: 90, batchSize: 10, maxBatches: 2 });
      assert.equal(second.deletedCalls, 5);
      assert.equal(await count(), 0);
      assert.ok(await p().marketplaceCall.findUnique({ where: { id: kept } }), "a call inside the retention stays");

      // The oldest go first: with a one-row budget the oldest remaining call is the one deleted.
      const a = await call(p(), "hk-order-a", T - 200 * DAY, true);
      const b = await call(p(), "hk-order-b", T - 100 * DAY, true);
      await callLogHousekeeping(p(), { nowMs: T, retentionDays: 90, batchSize: 1, maxBatches: 1 });
      assert.equal(await p().marketplaceCall.findUnique({ where: { id: a } }), null);
      assert.ok(await p().marketplaceCall.findUnique({ where: { id: b } }));
      await callLogHousekeeping(p(), { nowMs: T, retentionDays: 90 });
    });

    it("deletes expired nonces only", async () => {
      await p().seenNonce.createMany({
        data: [
          { nonce: "hk-expired", channel: "base", expiresAt: new Date(T - 1), createdAt: new Date(T - 120_000) },
          { nonce: "hk-live", channel: "base", expiresAt: new Date(T + 60_000), createdAt: new Date(T - 60_000) },
        ],
      });
      const r = await callLogHousekeeping(p(), { nowMs: T, retentionDays: 90 });
      assert.ok(r.deletedNonces >= 1);
      assert.deepEqual((await p().seenNonce.findMany({ where: { nonce: { startsWith: "hk-" } } })).map((n) => n.nonce), ["hk-live"]);
    });

    it("replicas running it at the same time delete every old call exactly once between them", async () => {
      await Promise.all(Array.from({ length: 40 }, (_, i) => call(p(), `hk-par-${i}`, T - 120 * DAY - i * MIN, true)));
      const runs = await Promise.all(Array.from({ length: 4 }, () => callLogHousekeeping(p(), { nowMs: T, retentionDays: 90, batchSize: 5, maxBatches: 50 })));
      const total = runs.reduce((s, r) => s + r.deletedCalls, 0);
      assert.equal(total, 40);
      assert.equal(await p().marketplaceCall.count({ where: { orderId: { startsWith: "hk-par-" } } }), 0);
    });

    it("runs as a step of the worker cycle", async () => {
      const crashed = await call(p(), "hk-worker", T - INTERRUPTED_AFTER_MS - MIN, false);
      const r = await runBillingCycle(p(), T);
      assert.ok(r.callLog.interrupted >= 1);
      assert.ok((await p().marketplaceCall.findUniqueOrThrow({ where: { id: crashed } })).interruptedAt);
    });
  });
}
