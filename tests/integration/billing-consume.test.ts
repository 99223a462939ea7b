/**
 * consume() against real databases (PGlite and PostgreSQL): concurrent debits never overdraw and
 * the ledger always sums to the debits; idempotency keys; 用完即停 packages stop at zero and a new
 * package restores service; several packages are drawn oldest-expiring first, then in order-line
 * order; 按需套餐包 overflow is billed on demand; monthly allowances; refusals write nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { consume } from "~/server/billing/consume";
import { AppError } from "~/server/errors";
import { uniqueId, units, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase } from "../helpers/marketplace";

const refusedWith = (code: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, `expected AppError ${code}, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return true;
};

async function ledgerMatchesDebits(prisma: PrismaClient, accountKey: string) {
  const debits = await prisma.usageDebit.findMany({ where: { accountKey }, select: { amount: true } });
  const entries = await prisma.usageEntry.findMany({ where: { accountKey }, select: { amount: true, grantId: true } });
  const grants = await prisma.meterGrant.findMany({ where: { accountKey }, select: { used: true } });
  assert.equal(units(entries.map((e) => e.amount)), units(debits.map((d) => d.amount)), "ledger sums to the debits");
  const fromGrants = units(entries.filter((e) => e.grantId).map((e) => e.amount));
  assert.equal(fromGrants, units(grants.map((g) => g.used)), "grant usage equals the ledger's grant-drawn parts");
  return { debits: debits.length, total: units(debits.map((d) => d.amount)) };
}

for (const target of testTargets()) {
  describe(`consume on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    const prisma = () => h.db.prisma;
    const accountOf = async (id: string) => (await prisma().instance.findUniqueOrThrow({ where: { id } })).accountKey!;

    it("64 parallel debits on one 用完即停 package never overdraw; ledger == debits == package usage", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      const results = await Promise.allSettled(
        Array.from({ length: 64 }, (_, i) => consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 3, idempotencyKey: `k${i}` })),
      );
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      assert.equal(ok.length, 33, "100 calls / 3 each → exactly 33 debits fit");
      for (const r of refused) refusedWith("PACKAGE_EXHAUSTED")(r.reason);
      const grant = await prisma().meterGrant.findFirstOrThrow({ where: { sourceInstanceId: pkg! } });
      assert.equal(grant.used.toFixed(4), "99.0000");
      const acc = await accountOf(pkg!);
      assert.deepEqual(await ledgerMatchesDebits(prisma(), acc), { debits: 33, total: 99 * 10_000 });
    });

    it("64 parallel debits of mixed sizes over several packages end exactly at the total, never beyond", async () => {
      const customerId = uniqueId("C");
      await kit.buy(prisma(), "t-stop", { customerId, validDays: 10, lines: 2 });
      const [third] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 20 });
      const sizes = Array.from({ length: 64 }, (_, i) => (i % 4) + 4.25); // 4.25 … 7.25, total 368 > 300
      const results = await Promise.allSettled(
        sizes.map((amount, i) => consume(prisma(), { instanceId: third!, meter: "calls", amount, idempotencyKey: `mix${i}` })),
      );
      for (const r of results) if (r.status === "rejected") refusedWith("PACKAGE_EXHAUSTED")(r.reason);
      const okAmount = results.reduce((s, r, i) => s + (r.status === "fulfilled" ? Math.round(sizes[i]! * 10_000) : 0), 0);
      const acc = await accountOf(third!);
      const sum = await ledgerMatchesDebits(prisma(), acc);
      assert.equal(sum.total, okAmount);
      assert.ok(okAmount <= 300 * 10_000, "never more than the three packages hold");
      assert.ok(okAmount > (300 - 7.25) * 10_000, "refused only when the rest could not cover the amount");
    });

    it("a repeated idempotency key debits once, even 16 times in parallel; reusing it for another amount is refused", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      const first = await consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 10, idempotencyKey: "req-1" });
      assert.equal(first.replayed, false);
      assert.equal(first.remaining, 90);
      const again = await consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 10, idempotencyKey: "req-1" });
      assert.equal(again.replayed, true);
      assert.equal(again.debitId, first.debitId);
      assert.equal(again.remaining, 90);

      const burst = await Promise.all(Array.from({ length: 16 }, () => consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 5, idempotencyKey: "req-2" })));
      assert.equal(burst.filter((r) => !r.replayed).length, 1);
      assert.equal(new Set(burst.map((r) => r.debitId)).size, 1);
      await assert.rejects(consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 6, idempotencyKey: "req-2" }), refusedWith("IDEMPOTENCY_CONFLICT"));
      const acc = await accountOf(pkg!);
      assert.deepEqual(await ledgerMatchesDebits(prisma(), acc), { debits: 2, total: 15 * 10_000 });
    });

    it("用完即停: a debit that would overdraw is refused whole; at zero the meter stops; a new package restores it", async () => {
      const customerId = uniqueId("C");
      const [p1] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 30 });
      await consume(prisma(), { instanceId: p1!, meter: "calls", amount: 95, idempotencyKey: "a" });
      await assert.rejects(consume(prisma(), { instanceId: p1!, meter: "calls", amount: 6, idempotencyKey: "b" }), refusedWith("PACKAGE_EXHAUSTED"));
      const acc = await accountOf(p1!);
      assert.equal(await prisma().usageEntry.count({ where: { accountKey: acc } }), 1, "the refused debit wrote nothing");
      const last = await consume(prisma(), { instanceId: p1!, meter: "calls", amount: 5, idempotencyKey: "c" });
      assert.equal(last.remaining, 0);
      await assert.rejects(consume(prisma(), { instanceId: p1!, meter: "calls", amount: 0.0001, idempotencyKey: "d" }), refusedWith("PACKAGE_EXHAUSTED"));

      const [p2] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 60 });
      assert.equal(await accountOf(p2!), acc, "the new package joins the buyer's account");
      const restored = await consume(prisma(), { instanceId: p1!, meter: "calls", amount: 7, idempotencyKey: "e" });
      assert.equal(restored.remaining, 93);
      const entry = await prisma().usageEntry.findFirstOrThrow({ where: { debitId: restored.debitId } });
      assert.equal(entry.packageInstanceId, p2, "drawn from the new package");
      assert.equal(entry.billedInstanceId, p2, "用完即停 usage is billed to its package: pushed as relate_pkg_instance under the package's on-demand instance");
      // The exhausted first package is released by the marketplace: the buyer keeps working on the second.
      assert.equal((await callBase(prisma(), { activity: "releaseInstance", instanceId: p1! })).json.resultCode, "000000");
      const afterRelease = await consume(prisma(), { instanceId: p1!, meter: "calls", amount: 1, idempotencyKey: "f" });
      assert.equal(afterRelease.remaining, 92);
    });

    it("packages are drawn oldest-expiring first, then by order line", async () => {
      const customerId = uniqueId("C");
      const [late] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 300 });
      const [l1, l2, l3] = await kit.buy(prisma(), "t-stop", { customerId, validDays: 100, lines: 3 });
      const r = await consume(prisma(), { instanceId: late!, meter: "calls", amount: 150, idempotencyKey: "big" });
      assert.equal(r.fromPrepaid, 150);
      const used = async (id: string) => (await prisma().meterGrant.findFirstOrThrow({ where: { sourceInstanceId: id } })).used.toFixed(0);
      assert.deepEqual([await used(l1!), await used(l2!), await used(l3!), await used(late!)], ["100", "50", "0", "0"]);
    });

    it("按需套餐包: the package is drawn first, the rest is billed to the on-demand instance", async () => {
      const customerId = uniqueId("C");
      const [od] = await kit.buy(prisma(), "t-od", { customerId });
      const [pkg] = await kit.buy(prisma(), "t-odpkg", { customerId, validDays: 365 });
      const r = await consume(prisma(), { instanceId: od!, meter: "calls", amount: 70, idempotencyKey: "x" });
      assert.deepEqual([r.fromPrepaid, r.onDemand, r.remaining], [50, 20, 0]);
      const more = await consume(prisma(), { instanceId: od!, meter: "calls", amount: 1000.5, idempotencyKey: "y" });
      assert.deepEqual([more.fromPrepaid, more.onDemand], [0, 1000.5], "on demand never stops");
      const entries = await prisma().usageEntry.findMany({ where: { debitId: r.debitId }, orderBy: { id: "asc" } });
      assert.deepEqual(
        entries.map((e) => [e.amount.toFixed(0), e.packageInstanceId, e.billedInstanceId]),
        [["50", pkg, od], ["20", null, od]],
        "all usage is pushed to the on-demand instance (the marketplace deducts the package itself)",
      );
      const q = await callBase(prisma(), { activity: "queryInstance", instanceId: `${od},${pkg}` });
      const info = q.json.info as Array<{ instanceId: string; usageInfo: Array<Record<string, unknown>> }>;
      const byId = Object.fromEntries(info.map((i) => [i.instanceId, i.usageInfo]));
      assert.equal(byId[od!]![0]!.usageValue, 1070.5, "on-demand: cumulative usage pushed to it");
      assert.equal(byId[pkg!]![0]!.usageValue, 50);
      assert.equal(byId[pkg!]![0]!.relatedInstanceId, od);
      assert.match(byId[pkg!]![0]!.statisticalTime as string, /^\d{17}$/);
    });

    it("a plan's monthly quota refuses with QUOTA_EXCEEDED and starts again next month", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 365 });
      const now = new Date();
      const jan = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 20); // "this month": next calendar month
      const febStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1);
      await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 60, idempotencyKey: "j1", nowMs: jan });
      await assert.rejects(consume(prisma(), { instanceId: inst!, meter: "calls", amount: 41, idempotencyKey: "j2", nowMs: jan }), refusedWith("QUOTA_EXCEEDED"));
      const feb = await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 41, idempotencyKey: "f1", nowMs: febStart });
      assert.equal(feb.remaining, 59);
      const events = await consume(prisma(), { instanceId: inst!, meter: "events", amount: 1e6, idempotencyKey: "ev", nowMs: jan });
      assert.equal(events.remaining, null, "a meter listed without a quota is recorded, never refused");
      await assert.rejects(consume(prisma(), { instanceId: inst!, meter: "sms", amount: 1, idempotencyKey: "s", nowMs: jan }), refusedWith("FEATURE_NOT_IN_PLAN"));
    });

    it("bad input is refused with INVALID_INPUT and writes nothing", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 365 });
      const acc = await accountOf(inst!);
      const bad: Array<Record<string, unknown>> = [
        { amount: 0 },
        { amount: -1 },
        { amount: Number.NaN },
        { amount: "abc" },
        { amount: 1.23456 },
        { amount: 2e9 },
        { meter: "nope" },
        { idempotencyKey: "" },
        { idempotencyKey: "k".repeat(129) },
        { instanceId: undefined },
      ];
      for (const b of bad) {
        const input = { instanceId: inst!, meter: "calls", amount: 1, idempotencyKey: "ok", ...b } as Parameters<typeof consume>[1];
        await assert.rejects(consume(prisma(), input), refusedWith("INVALID_INPUT"), JSON.stringify(b));
      }
      await assert.rejects(consume(prisma(), { instanceId: "ghost", meter: "calls", amount: 1, idempotencyKey: "g" }), refusedWith("INSTANCE_NOT_FOUND"));
      assert.equal(await prisma().usageEntry.count({ where: { accountKey: acc } }), 0);
      assert.equal(await prisma().usageDebit.count({ where: { accountKey: acc } }), 0);
    });

    it("a frozen instance cannot consume until unfrozen; a released one never again", async () => {
      const [inst] = await kit.buy(prisma(), "t-std", { validDays: 365 });
      await callBase(prisma(), { activity: "updateInstanceStatus", instanceId: inst!, status: "FREEZE" });
      await assert.rejects(consume(prisma(), { instanceId: inst!, meter: "calls", amount: 1, idempotencyKey: "1" }), refusedWith("INSTANCE_FROZEN"));
      await callBase(prisma(), { activity: "updateInstanceStatus", instanceId: inst!, status: "UNFREEZE" });
      await consume(prisma(), { instanceId: inst!, meter: "calls", amount: 1, idempotencyKey: "2" });
      await callBase(prisma(), { activity: "releaseInstance", instanceId: inst! });
      await assert.rejects(consume(prisma(), { instanceId: inst!, meter: "calls", amount: 1, idempotencyKey: "3" }), refusedWith("INSTANCE_RELEASED"));
    });
  });
}
