/**
 * The staff usage view on PGlite and PostgreSQL, fed by the real path: instances bought through
 * newInstance (查询订单 against the local mock), consume() at fixed times, then worker cycles with a
 * fixed clock that aggregate the ledger into the outbox and push it to the mock — once answering,
 * once refusing (a dead letter), once with the push switched off (PENDING). Checks listing,
 * filters, paging, the summary, balances, the dead letters, re-queue (FAILED only, due now, same
 * metering_sn, an audit row naming the staff member), who may call, and that exactly the named
 * fields — no secret — leave the server.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { createCaller } from "~/server/api/root";
import {
  grantSelect,
  ledgerEntrySelect,
  oldestPendingSelect,
  pushRecordSelect,
} from "~/server/api/routers/usage-admin.schema";
import { createContextInner } from "~/server/api/trpc";
import { consume } from "~/server/billing/consume";
import { billingConfig, setBillingConfigForTests } from "~/server/billing/config";
import { runBillingCycle } from "~/server/billing/worker";
import { TEST_AK, TEST_PUSH_KEY, TEST_SK, uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { assertAppError } from "../helpers/trpc";

const HOUR = 3_600_000;
/** One clock for the whole file: the hour boundaries every debit and worker cycle is placed on. */
const NOW = Date.now();
const hourStart = (hoursAgo: number) => Math.floor(NOW / HOUR) * HOUR - hoursAgo * HOUR;

const EXPIRES = new Date(NOW + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const customer: Session = {
  expires: EXPIRES,
  user: { kind: "customer", name: "Mallory", tenantId: "t-1", userName: "mallory", role: "admin", instanceId: "i-1" },
};
const asStaff = () => createCaller(createContextInner({ session: staff }));
type Api = ReturnType<typeof asStaff>;
type Summary = Awaited<ReturnType<Api["usageAdmin"]["summary"]>>;

const sorted = (keys: Iterable<string>) => [...keys].sort();
const PUSH_RECORD_KEYS = sorted([...Object.keys(pushRecordSelect), "hourEnd", "lastHttpStatus", "answerMeaning", "alert", "notRequeueable"]);
const LEDGER_KEYS = sorted([...Object.keys(ledgerEntrySelect), "pushState", "pushRecord"]);
const GRANT_KEYS = sorted([...Object.keys(grantSelect), "remaining", "sourceInstanceStatus", "state"]);


for (const target of testTargets()) {
  describe(`usage admin router on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit({ pushTimeoutMs: 3000 });
    const prisma = () => h.db.prisma;
    let seq = 0;
    const use = (instanceId: string, amount: number, atMs: number, meter = "calls") =>
      consume(prisma(), { instanceId, meter, amount, idempotencyKey: `k${++seq}`, nowMs: atMs });

    /** Instance ids and account keys of the scene. */
    const s = { od1: "", od2: "", carrier: "", pkg: "", std: "", od1Account: "", pkgAccount: "", stdAccount: "" };
    const accountOf = async (id: string) => (await prisma().instance.findUniqueOrThrow({ where: { id } })).accountKey!;

    let empty: { summary: Summary; records: Awaited<ReturnType<Api["usageAdmin"]["pushRecords"]>>; ledger: Awaited<ReturnType<Api["usageAdmin"]["ledger"]>> } | undefined;

    before(async () => {
      if (target.skip) return;
      empty = { summary: await asStaff().usageAdmin.summary(), records: await asStaff().usageAdmin.pushRecords({}), ledger: await asStaff().usageAdmin.ledger({}) };
      [s.od1] = (await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") })) as [string];
      [s.od2] = (await kit.buy(prisma(), "t-od", { customerId: uniqueId("C") })) as [string];
      const stopBuyer = uniqueId("C");
      [s.carrier] = (await kit.buy(prisma(), "t-stop-od", { customerId: stopBuyer, nowMs: hourStart(8) })) as [string];
      [s.pkg] = (await kit.buy(prisma(), "t-stop", { customerId: stopBuyer, validDays: 30, nowMs: hourStart(8) })) as [string];
      [s.std] = (await kit.buy(prisma(), "t-std", { validDays: 30 })) as [string];
      s.od1Account = await accountOf(s.od1);
      s.pkgAccount = await accountOf(s.pkg);
      s.stdAccount = await accountOf(s.std);

      // Cycle 1, the marketplace answers: od1 hours -5 -4 -3 and the package hour -4 → 4 SENT.
      await use(s.od1, 1.5, hourStart(5) + 60_000);
      await use(s.od1, 0.0001, hourStart(5) + 30 * 60_000);
      await use(s.od1, 2, hourStart(4) + 60_000);
      await use(s.od1, 3, hourStart(3) + 60_000);
      await use(s.pkg, 7, hourStart(4) + 10 * 60_000);
      // Prepaid / unlimited usage: in the ledger, never pushed.
      await use(s.std, 4, hourStart(4) + 60_000);
      await use(s.std, 1, hourStart(4) + 2 * 60_000, "events");
      await runBillingCycle(prisma(), NOW);

      // Cycle 2, the marketplace refuses od2's hour -5 (MKT.0101 for a record pushed alone) → a dead letter.
      await use(s.od2, 5, hourStart(5) + 60_000);
      kit.mock.inject("usage", "reject400");
      await runBillingCycle(prisma(), NOW);

      // Cycle 3, push switched off: od1 and od2 hour -2 wait in the outbox → 2 PENDING.
      await use(s.od1, 6, hourStart(2) + 60_000);
      await use(s.od2, 8, hourStart(2) + 2 * 60_000);
      const saved = billingConfig();
      setBillingConfigForTests({ ...saved, usagePush: { ...saved.usagePush, enabled: false } });
      try {
        await runBillingCycle(prisma(), NOW);
      } finally {
        setBillingConfigForTests(saved);
      }

      // The open hour: in the ledger, not aggregated yet.
      await use(s.od1, 9, NOW);
    });

    it("lists push records newest hour first with the last answer, and filters by status and instance", async () => {
      const { items, nextCursor } = await asStaff().usageAdmin.pushRecords({});
      assert.equal(nextCursor, null);
      assert.deepEqual(
        items.map((r) => [r.instanceId, r.hourStart.getTime(), r.status]).sort(),
        [
          [s.od1, hourStart(5), "SENT"],
          [s.od1, hourStart(4), "SENT"],
          [s.od1, hourStart(3), "SENT"],
          [s.od1, hourStart(2), "PENDING"],
          [s.od2, hourStart(5), "FAILED"],
          [s.od2, hourStart(2), "PENDING"],
          [s.carrier, hourStart(4), "SENT"],
        ].sort(),
      );
      const hours = items.map((r) => r.hourStart.getTime());
      assert.deepEqual(hours, [...hours].sort((a, b) => b - a), "newest hour first");

      // What we sent is what the marketplace got.
      for (const r of items.filter((x) => x.status === "SENT")) {
        const got = kit.mock.received.get(r.meteringSn);
        assert.ok(got, `${r.meteringSn} reached the mock`);
        assert.equal(got.usage_value, r.usageValue);
        assert.equal(r.hourEnd.getTime(), r.hourStart.getTime() + HOUR);
        assert.ok(r.sentAt instanceof Date);
        assert.equal(r.lastError, null);
        assert.equal(r.attempts, 1);
      }
      const od1h5 = items.find((r) => r.instanceId === s.od1 && r.hourStart.getTime() === hourStart(5))!;
      assert.equal(od1h5.usageValue, "1.5001");
      assert.equal(od1h5.packageInstanceId, null);
      assert.match(od1h5.meteringSn, /^\d{10}-1-[0-9a-f]{32}$/);

      const failed = await asStaff().usageAdmin.pushRecords({ status: "FAILED" });
      assert.equal(failed.items.length, 1);
      const f = failed.items[0]!;
      assert.equal(f.instanceId, s.od2);
      assert.equal(f.lastHttpStatus, 400);
      assert.equal(f.lastResultCode, "MKT.0101");
      assert.match(f.lastError ?? "", /^HTTP 400 MKT\.0101/);
      assert.deepEqual([f.deadReason, f.answerMeaning, f.alert, f.notRequeueable], ["REFUSED", "invalid parameter", "data", null]);
      assert.equal(f.sentAt, null);

      const pending = await asStaff().usageAdmin.pushRecords({ status: "PENDING" });
      assert.deepEqual(sorted(pending.items.map((r) => r.instanceId ?? "")), sorted([s.od1, s.od2]));
      assert.ok(pending.items.every((r) => r.attempts === 0 && r.lastError === null && r.lastHttpStatus === null));

      const od1 = await asStaff().usageAdmin.pushRecords({ instanceId: s.od1 });
      assert.deepEqual(od1.items.map((r) => r.hourStart.getTime()), [2, 3, 4, 5].map(hourStart));
      assert.deepEqual((await asStaff().usageAdmin.pushRecords({ instanceId: s.od1, status: "SENT" })).items.length, 3);

      const pkg = await asStaff().usageAdmin.pushRecords({ instanceId: s.pkg });
      assert.equal(pkg.items.length, 1);
      assert.equal(pkg.items[0]!.packageInstanceId, s.pkg, "用完即停: relate_pkg_instance");
      assert.equal(pkg.items[0]!.instanceId, s.carrier, "用完即停: instance_id is the package's on-demand instance");
      assert.equal(pkg.items[0]!.usageValue, "7");
      assert.equal(kit.mock.received.get(pkg.items[0]!.meteringSn)?.relate_pkg_instance, s.pkg);

      assert.deepEqual((await asStaff().usageAdmin.pushRecords({ instanceId: s.std })).items, [], "prepaid usage is never pushed");
      assert.deepEqual((await asStaff().usageAdmin.pushRecords({ instanceId: "nobody" })).items, []);
    });

    it("pages push records with a cursor without skipping or repeating one", async () => {
      const all = (await asStaff().usageAdmin.pushRecords({})).items.map((r) => r.id);
      assert.equal(all.length, 7);
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 20; page++) {
          const res = await asStaff().usageAdmin.pushRecords({ limit, cursor });
          assert.ok(res.items.length <= limit);
          seen.push(...res.items.map((r) => r.id));
          if (!res.nextCursor) break;
          cursor = res.nextCursor;
        }
        assert.deepEqual(seen, all, `limit ${limit}`);
      }
      const firstPending = await asStaff().usageAdmin.pushRecords({ status: "PENDING", limit: 1 });
      assert.ok(firstPending.nextCursor);
      const second = await asStaff().usageAdmin.pushRecords({ status: "PENDING", limit: 1, cursor: firstPending.nextCursor });
      assert.equal(second.items.length, 1);
      assert.equal(second.nextCursor, null);
      assert.notEqual(second.items[0]!.id, firstPending.items[0]!.id);
    });

    it("summarises counts per status, the oldest pending record, the last success and the settings", async () => {
      const before = Date.now();
      const sum = await asStaff().usageAdmin.summary();
      assert.deepEqual(sum.counts, { PENDING: 2, SENT: 4, FAILED: 1 });
      assert.equal(sum.total, 7);
      assert.equal(sum.dueNow, 2, "both PENDING records are due (push off does not hold them back)");
      assert.ok(sum.oldestPending);
      assert.equal(sum.oldestPending.hourStart.getTime(), hourStart(2));
      assert.equal(sum.oldestPending.hourEnd.getTime(), hourStart(1));
      assert.ok(sum.oldestPending.ageMs >= before - hourStart(1) && sum.oldestPending.ageMs <= Date.now() - hourStart(1));
      assert.ok([s.od1, s.od2].includes(sum.oldestPending.instanceId));
      const lastSent = await prisma().usagePushRecord.aggregate({ _max: { sentAt: true } });
      assert.deepEqual(sum.lastSentAt, lastSent._max.sentAt);
      assert.ok(sum.lastSentAt instanceof Date);
      assert.deepEqual(sum.config, {
        usagePushEnabled: true,
        queryOrderEnabled: true,
        openApiAkConfigured: true,
        openApiSkConfigured: true,
        usagePushKeyConfigured: true,
        packageUsagePush: "all",
        stopPackageInstance: "on-demand",
        openApiEndpoint: new URL(kit.mock.url).origin,
      });
      assert.deepEqual(sum.deadByReason, { REFUSED: 1, TOO_OLD: 0, TEST_INSTANCE: 0, NO_ON_DEMAND_INSTANCE: 0, GAVE_UP: 0 });
      assert.deepEqual(sum.alerts, [{ kind: "data", code: "MKT.0101", meaning: "invalid parameter", pending: 0, failed: 1 }]);

      // Settings off / missing show as false; a URL's user info never leaves the server.
      const saved = billingConfig();
      setBillingConfigForTests({
        ...saved,
        queryOrder: false,
        openApi: { ...saved.openApi, ak: undefined, sk: undefined, endpoint: "https://user:hunter2@mkt.example.com/some/path?token=x" },
        usagePush: { ...saved.usagePush, enabled: false },
      });
      try {
        const off = await asStaff().usageAdmin.summary();
        assert.deepEqual(
          { ...off.config },
          {
            usagePushEnabled: false,
            queryOrderEnabled: false,
            openApiAkConfigured: false,
            openApiSkConfigured: false,
            usagePushKeyConfigured: true,
            packageUsagePush: "all",
            stopPackageInstance: "on-demand",
            openApiEndpoint: "https://mkt.example.com",
          },
        );
        assert.doesNotMatch(JSON.stringify(off), /hunter2|token=/);
      } finally {
        setBillingConfigForTests(saved);
      }
    });

    it("before any usage: zeros, no oldest record, no last success, empty lists", async () => {
      assert.ok(empty);
      assert.deepEqual(empty.summary.counts, { PENDING: 0, SENT: 0, FAILED: 0 });
      assert.equal(empty.summary.total, 0);
      assert.equal(empty.summary.dueNow, 0);
      assert.equal(empty.summary.oldestPending, null);
      assert.equal(empty.summary.lastSentAt, null);
      assert.deepEqual(empty.records, { items: [], nextCursor: null });
      assert.deepEqual(empty.ledger, { items: [], nextCursor: null });
      const sum = await asStaff().usageAdmin.summary();
      for (const x of [empty.summary, sum]) {
        assert.deepEqual(sorted(Object.keys(x)), sorted(["now", "counts", "deadByReason", "alerts", "total", "dueNow", "oldestPending", "lastSentAt", "config"]));
      }
      assert.deepEqual(sorted(Object.keys(sum.oldestPending!)), sorted([...Object.keys(oldestPendingSelect), "hourEnd", "ageMs"]));
    });

    it("lists the ledger newest first with what became of each entry, filtered by account and instance", async () => {
      const { items, nextCursor } = await asStaff().usageAdmin.ledger({});
      assert.equal(nextCursor, null);
      assert.equal(items.length, 11);
      const ids = items.map((e) => BigInt(e.id));
      assert.deepEqual(ids, [...ids].sort((a, b) => (a > b ? -1 : 1)), "newest written first");
      const records = new Map((await prisma().usagePushRecord.findMany()).map((r) => [r.id, r]));

      const od1 = await asStaff().usageAdmin.ledger({ accountKey: s.od1Account });
      assert.deepEqual(od1.items.map((e) => e.amount), ["9", "6", "3", "2", "0.0001", "1.5"]);
      const [open, ...closed] = od1.items;
      assert.equal(open!.pushState, "NOT_AGGREGATED");
      assert.equal(open!.pushRecordId, null);
      assert.equal(open!.pushRecord, null);
      for (const e of closed) {
        assert.equal(e.pushState, "AGGREGATED");
        assert.equal(e.billedInstanceId, s.od1);
        const rec = records.get(e.pushRecordId!)!;
        assert.deepEqual(e.pushRecord, { id: rec.id, meteringSn: rec.meteringSn, status: rec.status });
      }
      assert.equal(od1.items[1]!.pushRecord!.status, "PENDING");
      assert.equal(od1.items[2]!.pushRecord!.status, "SENT");

      const std = await asStaff().usageAdmin.ledger({ instanceId: s.std });
      assert.deepEqual(sorted(std.items.map((e) => `${e.meter}:${e.amount}:${e.pushState}`)), ["calls:4:NOT_BILLED", "events:1:NOT_BILLED"]);
      assert.ok(std.items.every((e) => e.accountKey === s.stdAccount && e.billedInstanceId === null));

      const pkg = await asStaff().usageAdmin.ledger({ instanceId: s.pkg });
      assert.equal(pkg.items.length, 1);
      assert.equal(pkg.items[0]!.packageInstanceId, s.pkg);
      assert.ok(pkg.items[0]!.grantId);
      const debit = await prisma().usageDebit.findUniqueOrThrow({ where: { id: pkg.items[0]!.debitId } });
      assert.equal(debit.instanceId, s.pkg);

      assert.deepEqual((await asStaff().usageAdmin.ledger({ accountKey: s.od1Account, instanceId: s.od2 })).items, []);

      // Paging.
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await asStaff().usageAdmin.ledger({ limit: 5, cursor });
        seen.push(...res.items.map((e) => e.id));
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      assert.deepEqual(seen, items.map((e) => e.id));
    });

    it("shows an account's packages and allowances with what is left", async () => {
      const pkg = await asStaff().usageAdmin.grants({ accountKey: s.pkgAccount });
      assert.equal(pkg.length, 1);
      assert.equal(pkg[0]!.kind, "PACKAGE");
      assert.equal(pkg[0]!.sourceInstanceId, s.pkg);
      assert.deepEqual([pkg[0]!.meter, pkg[0]!.quota, pkg[0]!.used, pkg[0]!.remaining], ["calls", "100", "7", "93"]);
      assert.equal(pkg[0]!.state, "DRAWABLE");
      assert.equal(pkg[0]!.sourceInstanceStatus, "ACTIVE");
      assert.equal(pkg[0]!.validFrom.getTime(), Math.floor(hourStart(8) / 1000) * 1000);
      assert.ok(pkg[0]!.validUntil instanceof Date);

      const std = await asStaff().usageAdmin.grants({ accountKey: s.stdAccount });
      assert.deepEqual(std.map((g) => [g.kind, g.meter, g.quota, g.used, g.remaining]), [["ALLOWANCE", "calls", "100", "4", "96"]]);

      assert.deepEqual(await asStaff().usageAdmin.grants({ accountKey: s.od1Account }), [], "plain on-demand holds nothing prepaid");
      assert.deepEqual(await asStaff().usageAdmin.grants({ accountKey: "customer:nobody:app" }), []);
    });

    it("returns exactly the named fields and no secret", async () => {
      const api = asStaff();
      const [records, ledger, grants, summary] = await Promise.all([
        api.usageAdmin.pushRecords({}),
        api.usageAdmin.ledger({}),
        api.usageAdmin.grants({ accountKey: s.pkgAccount }),
        api.usageAdmin.summary(),
      ]);
      assert.deepEqual(sorted(Object.keys(records)), ["items", "nextCursor"]);
      for (const r of records.items) assert.deepEqual(sorted(Object.keys(r)), PUSH_RECORD_KEYS);
      assert.deepEqual(sorted(Object.keys(ledger)), ["items", "nextCursor"]);
      for (const e of ledger.items) {
        assert.deepEqual(sorted(Object.keys(e)), LEDGER_KEYS);
        if (e.pushRecord) assert.deepEqual(sorted(Object.keys(e.pushRecord)), ["id", "meteringSn", "status"]);
      }
      for (const g of grants) assert.deepEqual(sorted(Object.keys(g)), GRANT_KEYS);
      assert.deepEqual(sorted(Object.keys(summary.config)), sorted([
        "usagePushEnabled",
        "queryOrderEnabled",
        "openApiAkConfigured",
        "openApiSkConfigured",
        "usagePushKeyConfigured",
        "packageUsagePush",
        "stopPackageInstance",
        "openApiEndpoint",
      ]));
      const json = JSON.stringify([records, ledger, grants, summary], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
      for (const secret of [TEST_AK, TEST_SK, TEST_PUSH_KEY]) assert.ok(!json.includes(secret), "no credential in the output");
      assert.doesNotMatch(json, /adminPassword|Enc"|leaseToken/);
    });

    it("only staff may read or re-queue: signed-out callers are UNAUTHENTICATED, customers FORBIDDEN", async () => {
      const anyId = (await prisma().usagePushRecord.findFirstOrThrow({ where: { status: "FAILED" } })).id;
      const calls = (api: Api) => [
        api.usageAdmin.pushRecords({}),
        api.usageAdmin.summary(),
        api.usageAdmin.ledger({}),
        api.usageAdmin.grants({ accountKey: s.pkgAccount }),
        api.usageAdmin.deadLetters({}),
        api.usageAdmin.requeue({ id: anyId }),
      ];
      for (const p of calls(createCaller(createContextInner({ session: null })))) await assertAppError(p, "UNAUTHORIZED", "UNAUTHENTICATED");
      for (const p of calls(createCaller(createContextInner({ session: { expires: EXPIRES } })))) await assertAppError(p, "UNAUTHORIZED", "UNAUTHENTICATED");
      for (const p of calls(createCaller(createContextInner({ session: customer })))) await assertAppError(p, "FORBIDDEN", "FORBIDDEN");
      const still = await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: anyId } });
      assert.equal(still.status, "FAILED", "a refused re-queue changed nothing");
      assert.equal(await prisma().staffAuditEvent.count({ where: { action: "usage.requeue" } }), 0, "and wrote no audit row");
    });

    it("rejects out-of-range input", async () => {
      const api = asStaff();
      const bad: Array<Promise<unknown>> = [
        api.usageAdmin.pushRecords({ limit: 0 }),
        api.usageAdmin.pushRecords({ limit: 201 }),
        api.usageAdmin.pushRecords({ cursor: "not-a-uuid" }),
        api.usageAdmin.pushRecords({ status: "LOST" as "SENT" }),
        api.usageAdmin.ledger({ cursor: "12a" }),
        api.usageAdmin.grants({ accountKey: "" }),
        api.usageAdmin.requeue({ id: "x" }),
        api.usageAdmin.deadLetters({ reason: "LOST" as "REFUSED" }),
        api.usageAdmin.deadLetters({ limit: 0 }),
      ];
      for (const p of bad) {
        await assert.rejects(p, (err: unknown) => err instanceof TRPCError && err.code === "BAD_REQUEST");
      }
    });

    it("lists the dead letters with the reason, the marketplace's answer and whether staff may re-queue", async () => {
      const { items, nextCursor } = await asStaff().usageAdmin.deadLetters({});
      assert.equal(nextCursor, null);
      assert.equal(items.length, 1);
      const d = items[0]!;
      assert.deepEqual([d.instanceId, d.deadReason, d.lastResultCode, d.answerMeaning, d.notRequeueable, d.requeues], [s.od2, "REFUSED", "MKT.0101", "invalid parameter", null, []]);
      assert.ok(d.deadAt instanceof Date);
      assert.deepEqual(sorted(Object.keys(d)), sorted([...PUSH_RECORD_KEYS, "requeues"]));
      assert.equal((await asStaff().usageAdmin.deadLetters({ reason: "TOO_OLD" })).items.length, 0);
      assert.equal((await asStaff().usageAdmin.deadLetters({ instanceId: s.od2 })).items.length, 1);
      assert.equal((await asStaff().usageAdmin.deadLetters({ instanceId: s.od1 })).items.length, 0);
    });

    it("re-queue puts only a FAILED record back, due now, same metering_sn, recorded with who and when; the next cycle sends it once", async () => {
      const api = asStaff();
      const all = await prisma().usagePushRecord.findMany();
      const sent = all.find((r) => r.status === "SENT")!;
      const pending = all.find((r) => r.status === "PENDING")!;
      const failed = all.find((r) => r.status === "FAILED")!;

      await assertAppError(api.usageAdmin.requeue({ id: sent.id }), "CONFLICT", "PUSH_RECORD_NOT_FAILED");
      await assertAppError(api.usageAdmin.requeue({ id: pending.id }), "CONFLICT", "PUSH_RECORD_NOT_FAILED");
      await assertAppError(api.usageAdmin.requeue({ id: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND", "NOT_FOUND");
      assert.deepEqual(await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: sent.id } }), sent);
      assert.deepEqual(await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: pending.id } }), pending);

      const t0 = Date.now();
      const out = await api.usageAdmin.requeue({ id: failed.id });
      assert.equal(out.id, failed.id);
      assert.equal(out.status, "PENDING");
      assert.deepEqual(sorted(Object.keys(out)), PUSH_RECORD_KEYS);
      const after = await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: failed.id } });
      assert.ok(after.nextAttemptAt.getTime() >= t0 - 5 && after.nextAttemptAt.getTime() <= Date.now());
      assert.deepEqual([after.attempts, after.deadReason, after.deadAt], [0, null, null], "a fresh start");
      assert.deepEqual(
        { ...after, status: failed.status, nextAttemptAt: failed.nextAttemptAt, leaseUntil: failed.leaseUntil, attempts: failed.attempts, deadReason: failed.deadReason, deadAt: failed.deadAt },
        failed,
        "metering_sn, window and the last answer are kept",
      );
      const audit = await prisma().staffAuditEvent.findMany({ where: { action: "usage.requeue", target: failed.id } });
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.actor, audit[0]!.actorRole, audit[0]!.details], ["admin", "owner", { meteringSn: failed.meteringSn, deadReason: "REFUSED", lastResultCode: "MKT.0101" }], "the session user's name and role");
      assert.ok(audit[0]!.at.getTime() >= t0 - 5 && audit[0]!.at.getTime() <= Date.now());
      assert.equal((await api.usageAdmin.summary()).counts.FAILED, 0);
      await assertAppError(api.usageAdmin.requeue({ id: failed.id }), "CONFLICT", "PUSH_RECORD_NOT_FAILED");

      await runBillingCycle(prisma(), Date.now());
      const done = await prisma().usagePushRecord.findUniqueOrThrow({ where: { id: failed.id } });
      assert.equal(done.status, "SENT");
      assert.equal(done.attempts, 1);
      assert.equal(done.meteringSn, failed.meteringSn);
      assert.equal(kit.mock.received.get(done.meteringSn)?.usage_value, "5");
      assert.equal(kit.mock.redelivered.includes(done.meteringSn), false, "pushed once");
      const sum = await api.usageAdmin.summary();
      assert.deepEqual(sum.counts, { PENDING: 0, SENT: 7, FAILED: 0 });
      assert.equal(sum.oldestPending, null);
      assert.deepEqual(sum.alerts, [], "the data alert cleared with its dead letter");
    });
  });
}
