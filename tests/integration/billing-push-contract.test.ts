/**
 * The usage push to the confirmed contract, on PGlite and PostgreSQL, end to end: instances bought
 * through newInstance (查询订单 against the local mock), consume() at fixed times, worker cycles,
 * the mock's background check of every record (per-record problems 010/012/017/018 …).
 *
 * - 用完即停: instance_id is the on-demand instance, relate_pkg_instance the package drawn
 *   (PackageLink); two packages drawn in one hour → two windows; never a package id by default;
 *   KOOGALLERY_STOP_PKG_INSTANCE=package is the explicit other choice.
 * - A record whose begin_time is more than 21 days ago is dead-lettered, never sent.
 * - A dead letter re-queued by staff is pushed exactly once (same metering_sn), audit row written;
 *   concurrent re-queues let one through.
 * - MKT.9003 splits the batch; MKT.0250 and gateway errors back off; MKT.0102 raises the signature
 *   alert until a push passes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { consume } from "~/server/billing/consume";
import { billingConfig, setBillingConfigForTests } from "~/server/billing/config";
import { pushHealth } from "~/server/billing/push-health";
import { requeueDeadLetter, requeuesOf } from "~/server/billing/requeue";
import { runBillingCycle } from "~/server/billing/worker";
import { AppError } from "~/server/errors";
import { uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { HOUR, hourClock } from "../helpers/hour-clock";

/** Every debit and worker cycle runs on this fixed clock (see hour-clock.ts for why). */
const { now: NOW, hourStart } = hourClock();
const DAY = 24 * HOUR;
const MAX_AGE = 21 * DAY;

for (const target of testTargets()) {
  describe(`usage push contract on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit({ pushTimeoutMs: 3000 });
    const prisma = () => h.db.prisma;
    let seq = 0;
    const use = (instanceId: string, amount: number, atMs: number) =>
      consume(prisma(), { instanceId, meter: "calls", amount, idempotencyKey: `c${++seq}`, nowMs: atMs });
    const recordsOf = (p: PrismaClient, where: { packageInstanceId?: string; instanceId?: string }) =>
      p.usagePushRecord.findMany({ where, orderBy: [{ hourStart: "asc" }, { endTime: "desc" }] });
    const deliveries = (sn: string) => (kit.mock.received.has(sn) ? 1 : 0) + kit.mock.redelivered.filter((s) => s === sn).length;
    const withConfig = async (over: Parameters<typeof setBillingConfigForTests>[0], fn: () => Promise<void>) => {
      const saved = billingConfig();
      setBillingConfigForTests({ ...saved, ...over, usagePush: { ...saved.usagePush, ...over?.usagePush } });
      try {
        await fn();
      } finally {
        setBillingConfigForTests(saved);
      }
    };

    /** A buyer of the 用完即停 product: its on-demand instance and packages, registered with the mock's check. */
    async function stopBuyer(packages: number) {
      const customerId = uniqueId("C");
      const [carrier] = await kit.buy(prisma(), "t-stop-od", { customerId, nowMs: hourStart(30) });
      const pkgs: string[] = [];
      for (let i = 0; i < packages; i++) pkgs.push((await kit.buy(prisma(), "t-stop", { customerId, validDays: 30 + i, nowMs: hourStart(30) }))[0]!);
      kit.mock.registerInstance({ instanceId: carrier!, kind: "on-demand", stopWhenUsedUp: true });
      for (const p of pkgs) kit.mock.registerInstance({ instanceId: p, kind: "package", onDemandInstanceId: carrier! });
      return { customerId, carrier: carrier!, pkgs };
    }

    it("用完即停: instance_id is the on-demand instance, relate_pkg_instance the package drawn; two packages in one hour never share a window", async () => {
      const { carrier, pkgs } = await stopBuyer(2);
      const [p1, p2] = pkgs as [string, string];
      await use(carrier, 60, hourStart(3) + 60_000); // package 1 (expires first)
      await use(carrier, 70, hourStart(3) + 120_000); // 40 from package 1, 30 from package 2
      await use(p2, 5, hourStart(2) + 60_000);
      await runBillingCycle(prisma(), NOW);

      const links = await prisma().packageLink.findMany({ where: { packageInstanceId: { in: pkgs } }, orderBy: { packageInstanceId: "asc" } });
      assert.deepEqual(
        links.map((l) => [l.packageInstanceId, l.meter, l.onDemandInstanceId, l.source]).sort(),
        [
          [p1, "calls", carrier, "ON_DEMAND_INSTANCE"],
          [p2, "calls", carrier, "ON_DEMAND_INSTANCE"],
        ].sort(),
        "the instance ↔ package mapping is stored",
      );
      const records = await recordsOf(prisma(), { instanceId: carrier });
      const row = (r: { packageInstanceId: string; usageValue: { toFixed(n: number): string }; status: string; hourStart: Date }) =>
        `${r.hourStart.getTime() === hourStart(3) ? "h-3" : "h-2"} ${r.packageInstanceId === p1 ? "p1" : "p2"} ${r.usageValue.toFixed(0)} ${r.status}`;
      assert.deepEqual(records.map(row).sort(), ["h-2 p2 5 SENT", "h-3 p1 100 SENT", "h-3 p2 30 SENT"]);
      const hour3 = records.filter((r) => r.hourStart.getTime() === hourStart(3)).map((r) => `${r.beginTime?.toISOString()}|${r.endTime?.toISOString()}`);
      assert.equal(new Set(hour3).size, 2, "two records of one instance and hour, two windows");

      const sent = records.map((r) => kit.mock.received.get(r.meteringSn)!);
      assert.ok(sent.every((d) => d.instance_id === carrier), "never a package id as instance_id");
      assert.deepEqual(sent.map((d) => d.relate_pkg_instance).sort(), [p1, p2, p2].sort());
      const sns = new Set(records.map((r) => r.meteringSn));
      assert.deepEqual(kit.mock.problems.filter((p) => sns.has(p.metering_sn)), [], "the marketplace's check finds nothing (no 010, 012, 017, 018)");
    });

    it("default: a 用完即停 package without an on-demand instance is a dead letter, never sent under the package id; re-queued once the instance exists", async () => {
      const customerId = uniqueId("C");
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 30, nowMs: hourStart(30) });
      await use(pkg!, 4, hourStart(3) + 60_000);
      await runBillingCycle(prisma(), NOW);
      const [dead] = await recordsOf(prisma(), { packageInstanceId: pkg! });
      assert.deepEqual([dead!.status, dead!.deadReason, dead!.instanceId, dead!.beginTime], ["FAILED", "NO_ON_DEMAND_INSTANCE", "", null]);
      assert.equal(deliveries(dead!.meteringSn), 0);
      assert.ok(![...kit.mock.received.values()].some((r) => r.instance_id === pkg), "the package id never went out as instance_id");

      const [carrier] = await kit.buy(prisma(), "t-stop-od", { customerId });
      await requeueDeadLetter(prisma(), { id: dead!.id, requeuedBy: "ops-anna", nowMs: NOW, maxAgeMs: MAX_AGE });
      await runBillingCycle(prisma(), NOW);
      await runBillingCycle(prisma(), NOW);
      const after = await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: dead!.id } });
      assert.deepEqual([after.status, after.instanceId, after.packageInstanceId], ["SENT", carrier, pkg]);
      assert.equal(deliveries(after.meteringSn), 1, "pushed exactly once");
    });

    it("KOOGALLERY_STOP_PKG_INSTANCE=package: the package is its own instance_id, and the link says so", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30, nowMs: hourStart(30) });
      await use(pkg!, 3, hourStart(2) + 60_000);
      await withConfig({ usagePush: { stopPackageInstance: "package" } } as never, () => runBillingCycle(prisma(), NOW).then(() => undefined));
      const [r] = await recordsOf(prisma(), { packageInstanceId: pkg! });
      assert.deepEqual([r!.status, r!.instanceId], ["SENT", pkg]);
      assert.equal(kit.mock.received.get(r!.meteringSn)?.relate_pkg_instance, pkg);
      const link = await prisma().packageLink.findUniqueOrThrow({ where: { packageInstanceId_meter: { packageInstanceId: pkg!, meter: "calls" } } });
      assert.equal(link.source, "PACKAGE_ITSELF");
    });

    it("a record whose begin_time is more than 21 days ago is dead-lettered and never sent, and cannot be re-queued", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 9, hourStart(22 * 24) + 60_000);
      await use(od!, 1, hourStart(20 * 24) + 60_000);
      const callsBefore = kit.mock.log.filter((l) => l.route === "usage").length;
      await runBillingCycle(prisma(), NOW);
      const [old, recent] = await recordsOf(prisma(), { instanceId: od! });
      assert.deepEqual([old!.status, old!.deadReason, old!.attempts], ["FAILED", "TOO_OLD", 0]);
      assert.equal(deliveries(old!.meteringSn), 0, "never sent");
      assert.equal(recent!.status, "SENT", "20 days is still billable");
      assert.equal(kit.mock.log.filter((l) => l.route === "usage").length - callsBefore, 1, "one call, for the recent record only");
      await assert.rejects(
        requeueDeadLetter(prisma(), { id: old!.id, requeuedBy: "ops-anna", nowMs: NOW, maxAgeMs: MAX_AGE }),
        (e: unknown) => e instanceof AppError && e.code === "PUSH_RECORD_NOT_REQUEUEABLE",
      );
    });

    it("re-queue after a dead letter pushes exactly once; concurrent re-queues let one through, with one audit row", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 2, hourStart(4) + 60_000);
      kit.mock.inject("usage", "MKT.9001");
      await runBillingCycle(prisma(), NOW);
      const [dead] = await recordsOf(prisma(), { instanceId: od! });
      assert.deepEqual([dead!.status, dead!.deadReason, dead!.lastResultCode], ["FAILED", "REFUSED", "MKT.9001"]);
      await runBillingCycle(prisma(), NOW + HOUR);
      assert.equal(deliveries(dead!.meteringSn), 0, "a dead letter is not retried on its own");

      const outcomes = await Promise.allSettled(
        ["ops-anna", "ops-ben", "ops-carl"].map((by) => requeueDeadLetter(prisma(), { id: dead!.id, requeuedBy: by, nowMs: NOW, maxAgeMs: MAX_AGE })),
      );
      assert.equal(outcomes.filter((o) => o.status === "fulfilled").length, 1);
      for (const o of outcomes) if (o.status === "rejected") assert.equal((o.reason as AppError).code, "PUSH_RECORD_NOT_FAILED");
      const audit = (await requeuesOf(prisma(), [dead!.id], 10)).get(dead!.id)!;
      assert.equal(audit.length, 1);
      assert.equal(await prisma().staffAuditEvent.count({ where: { action: "usage.requeue", target: dead!.id } }), 1, "one audit row");
      assert.deepEqual([audit[0]!.deadReason, audit[0]!.lastResultCode], ["REFUSED", "MKT.9001"]);
      assert.ok(["ops-anna", "ops-ben", "ops-carl"].includes(audit[0]!.requeuedBy));

      for (let i = 0; i < 3; i++) await runBillingCycle(prisma(), NOW + i * HOUR);
      const after = await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: dead!.id } });
      assert.deepEqual([after.status, after.meteringSn, after.deadReason], ["SENT", dead!.meteringSn, null]);
      assert.equal(deliveries(dead!.meteringSn), 1, "exactly once, same metering_sn");
      await assert.rejects(
        requeueDeadLetter(prisma(), { id: dead!.id, requeuedBy: "ops-anna", nowMs: NOW, maxAgeMs: MAX_AGE }),
        (e: unknown) => e instanceof AppError && e.code === "PUSH_RECORD_NOT_FAILED",
        "a SENT record is never queued again",
      );
    });

    it("MKT.9003 splits the batch; a refused record is isolated by bisection, the rest go", async () => {
      const ods = await Promise.all([1, 2, 3, 4].map(() => kit.buy(prisma(), "t-od", { customerId: uniqueId("C") }).then((x) => x[0]!)));
      for (const od of ods) await use(od, 1, hourStart(5) + 60_000);
      // One call of 4 → MKT.9003 → 2 + 2; the first pair is refused → 1 + 1, the first refused alone.
      kit.mock.inject("usage", "MKT.9003", "MKT.9002", "MKT.9002");
      await runBillingCycle(prisma(), NOW);
      const records = await prisma().usagePushRecord.findMany({ where: { instanceId: { in: ods } }, orderBy: { id: "asc" } });
      const byStatus = records.reduce<Record<string, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
      assert.deepEqual(byStatus, { FAILED: 1, SENT: 3 });
      const dead = records.find((r) => r.status === "FAILED")!;
      assert.deepEqual([dead.deadReason, dead.lastResultCode], ["REFUSED", "MKT.9002"]);
      for (const r of records) assert.equal(deliveries(r.meteringSn), r.status === "SENT" ? 1 : 0);
    });

    it("MKT.0250 and gateway errors back off: no more calls this cycle, the refused batch waits, then all are sent", async () => {
      for (const fault of ["MKT.0250", "APIGW.0201"] as const) {
        const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
        await use(od!, 1, hourStart(3) + 60_000);
        await use(od!, 1, hourStart(2) + 60_000);
        await withConfig({ usagePush: { batchSize: 1 } } as never, async () => {
          const t0 = NOW;
          kit.mock.inject("usage", fault);
          const r = await runBillingCycle(prisma(), t0);
          assert.equal(r.pushed.calls, 1, `${fault}: one call, then the cycle stops`);
          const [first, second] = await recordsOf(prisma(), { instanceId: od! });
          assert.deepEqual([first!.status, first!.lastResultCode, second!.status, second!.attempts], ["PENDING", fault, "PENDING", 0], `${fault}: the second batch was not tried`);
          assert.ok(first!.nextAttemptAt.getTime() >= t0 + 800, `${fault}: the refused batch waits`);
          await runBillingCycle(prisma(), t0 + 5 * 60_000);
        });
        const records = await prisma().usagePushRecord.findMany({ where: { instanceId: od! } });
        assert.deepEqual(records.map((r) => r.status), ["SENT", "SENT"], fault);
        for (const r of records) assert.equal(deliveries(r.meteringSn), 1);
      }
    });

    it("MKT.0102 (our signature) keeps the records and raises the alert until a push passes", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 1, hourStart(2) + 60_000);
      await withConfig({ usagePush: { key: "not-the-sellers-key" } } as never, async () => {
        await runBillingCycle(prisma(), NOW);
      });
      const [r] = await recordsOf(prisma(), { instanceId: od! });
      assert.deepEqual([r!.status, r!.lastResultCode], ["PENDING", "MKT.0102"]);
      const health = await pushHealth(prisma(), NOW);
      assert.deepEqual(
        health.alerts.filter((a) => a.code === "MKT.0102").map((a) => [a.kind, a.pending >= 1]),
        [["signature", true]],
      );
      await runBillingCycle(prisma(), NOW + 10 * 60_000);
      assert.equal((await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: r!.id } })).status, "SENT");
      assert.equal((await pushHealth(prisma(), NOW)).alerts.filter((a) => a.code === "MKT.0102").length, 0, "the alert clears by itself");
    });

    it("no two records of one instance share a begin/end window (unique in the database)", async () => {
      const [od] = await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") });
      await use(od!, 1, hourStart(2) + 60_000);
      await runBillingCycle(prisma(), NOW);
      const [r] = await recordsOf(prisma(), { instanceId: od! });
      await assert.rejects(
        prisma().usagePushRecord.create({
          data: { meteringSn: `${r!.meteringSn}-x`, instanceId: od!, meter: "calls", hourStart: r!.hourStart, seq: 9, usageValue: 1, beginTime: r!.beginTime, endTime: r!.endTime },
        }),
      );
    });
  });
}
