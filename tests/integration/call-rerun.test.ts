/**
 * "Re-run against this server" (src/server/marketplace/dry-run.ts) on PGlite and PostgreSQL: the
 * answer is what the server would say now, and not one row of any table changes — no instance,
 * no transition, no tenant, no nonce, no call-log row (tests/helpers/table-snapshot.ts compares
 * every table's rows). Refusals for calls that cannot be re-run honestly. Through the router:
 * owner-only, and the re-run itself is the only row written (its audit event).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { Session } from "next-auth";
import { kitTimeStamp } from "../helpers/marketplace";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { dryRunCall } from "~/server/marketplace/dry-run";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callBase, callKit, newOrder, testConfig } from "../helpers/marketplace";
import { snapshotTables } from "../helpers/table-snapshot";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const owner: Session = { expires: EXPIRES, user: { kind: "staff", name: "olga", role: "owner" } };
const viewer: Session = { expires: EXPIRES, user: { kind: "staff", name: "victor", role: "viewer" } };

/** A logged, verified call as the pipeline stores it (the body is what it received). */
async function loggedCall(prisma: PrismaClient, channel: string, path: string, activity: string, body: Prisma.InputJsonValue, resultCode = "000000") {
  const row = await prisma.marketplaceCall.create({
    data: { channel, path, activity, requestBody: body, resultCode, resultMsg: "success.", responseBody: { resultCode }, completedAt: new Date() },
  });
  return row.id;
}

/** The newest logged call (what callBase/callKit just wrote). */
async function lastCallId(prisma: PrismaClient): Promise<string> {
  const row = await prisma.marketplaceCall.findFirstOrThrow({ orderBy: [{ receivedAt: "desc" }, { id: "desc" }] });
  return row.id;
}

for (const target of testTargets()) {
  describe(`re-run a logged call (dry run) on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const config = testConfig();

    it("newInstance for an order never seen: answers the instance it would create, creates nothing", async () => {
      const order = newOrder();
      const id = await loggedCall(h.db.prisma, "base", "/api/marketplace", "newInstance", order);
      const before = await snapshotTables(h.db.prisma);
      const answer = await dryRunCall(h.db.prisma, config, id, Date.now());
      assert.equal(answer.dryRun, true);
      assert.equal(answer.activity, "newInstance");
      assert.equal(answer.response.resultCode, "000000");
      assert.equal(answer.response.instanceId, order.businessId, "the instance the server would create");
      assert.ok(answer.response.appInfo, "with the appInfo it would return");
      assert.deepEqual(await snapshotTables(h.db.prisma), before, "no table changed");
      assert.equal(await h.db.prisma.instance.count({ where: { id: order.businessId } }), 0);
    });

    it("newInstance that was delivered: the same instance again, nothing written", async () => {
      const order = newOrder();
      const first = await callBase(h.db.prisma, order, { config });
      assert.equal(first.json.resultCode, "000000");
      const id = await lastCallId(h.db.prisma);
      const before = await snapshotTables(h.db.prisma);
      const answer = await dryRunCall(h.db.prisma, config, id, Date.now());
      assert.equal(answer.response.resultCode, "000000");
      assert.equal(answer.response.instanceId, first.json.instanceId);
      assert.deepEqual(await snapshotTables(h.db.prisma), before);
    });

    it("the answer hides secrets as the call log does: appInfo.password is [redacted]", async () => {
      // The console never shows a customer's admin password (the instance page says "stored
      // encrypted", the logged answer has it redacted); a re-run must not show it either.
      const order = newOrder();
      const first = await callBase(h.db.prisma, order, { config });
      const sent = first.json.appInfo as Record<string, string>;
      assert.ok(sent.password && sent.password !== "[redacted]", "the marketplace itself gets the password");
      const id = await lastCallId(h.db.prisma);
      const logged = await h.db.prisma.marketplaceCall.findUniqueOrThrow({ where: { id } });
      assert.equal((logged.responseBody as { appInfo: { password: string } }).appInfo.password, "[redacted]");
      const answer = await dryRunCall(h.db.prisma, config, id, Date.now());
      const appInfo = answer.response.appInfo as Record<string, string>;
      assert.equal(appInfo.password, "[redacted]");
      assert.equal(appInfo.frontEndUrl, sent.frontEndUrl, "everything else as the server would answer");
      // userName is encrypted with a fresh IV per answer: present, not compared.
      assert.ok(appInfo.userName && appInfo.userName !== "[redacted]");
      assert.ok(!JSON.stringify(answer).includes(sent.password), "the password appears nowhere in the answer");
    });

    it("releaseInstance of a live instance: answers success, the instance stays ACTIVE", async () => {
      const order = newOrder();
      const created = await callBase(h.db.prisma, order, { config });
      const instanceId = created.json.instanceId as string;
      const id = await loggedCall(h.db.prisma, "base", "/api/marketplace", "releaseInstance", { activity: "releaseInstance", instanceId, orderId: order.orderId, orderLineId: order.orderLineId });
      const before = await snapshotTables(h.db.prisma);
      const answer = await dryRunCall(h.db.prisma, config, id, Date.now());
      assert.deepEqual([answer.response.resultCode, answer.activity], ["000000", "releaseInstance"]);
      assert.deepEqual(await snapshotTables(h.db.prisma), before, "no state transition, no transition row");
      assert.equal((await h.db.prisma.instance.findUniqueOrThrow({ where: { id: instanceId } })).status, "ACTIVE");

      // Released for real, then re-run: today's answer for that request, still nothing written.
      assert.equal((await callBase(h.db.prisma, { activity: "releaseInstance", instanceId }, { config })).json.resultCode, "000000");
      const again = await snapshotTables(h.db.prisma);
      const second = await dryRunCall(h.db.prisma, config, id, Date.now());
      assert.equal(second.response.resultCode, "000000", "release is idempotent");
      assert.deepEqual(await snapshotTables(h.db.prisma), again);
    });

    it("releaseInstance of an unknown instance: the error answer, as the pipeline would give it", async () => {
      const id = await loggedCall(h.db.prisma, "base", "/api/marketplace", "releaseInstance", { activity: "releaseInstance", instanceId: `nope-${randomUUID()}` });
      const answer = await dryRunCall(h.db.prisma, config, id, Date.now());
      assert.equal(answer.response.resultCode, "000003");
    });

    it("Kit tenantSync of a new tenant: Success, and no tenant row", async () => {
      const tenantId = `t-${randomUUID()}`;
      const body = { instanceId: "inst-1", orderId: "CS1906666666ABCDE", tenantId, tenantCode: "huawei", name: "华为测试企业", domainName: "https://example.tenantaccount.com", flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
      const id = await loggedCall(h.db.prisma, "kit", "/produceAPI/v2/tenantSync", "tenantSync", body);
      const before = await snapshotTables(h.db.prisma);
      const answer = await dryRunCall(h.db.prisma, config, id, Date.now());
      assert.deepEqual(answer.response, { resultCode: "000000", resultMsg: "Success" });
      assert.deepEqual(await snapshotTables(h.db.prisma), before);
      assert.equal(await h.db.prisma.tenant.count({ where: { tenantId } }), 0);

      // A delivered Kit call re-runs the same way.
      const delivered = await callKit(h.db.prisma, "tenantSync", { ...body, tenantId: `t-${randomUUID()}` });
      assert.equal(delivered.json.resultCode, "000000");
      const kitId = await lastCallId(h.db.prisma);
      const snap = await snapshotTables(h.db.prisma);
      assert.equal((await dryRunCall(h.db.prisma, config, kitId, Date.now())).response.resultCode, "000000");
      assert.deepEqual(await snapshotTables(h.db.prisma), snap);
    });

    it("refuses calls it cannot re-run honestly, and an unknown id", async () => {
      const badSig = await loggedCall(h.db.prisma, "base", "/api/marketplace", "newInstance", newOrder(), "000001");
      const redacted = await loggedCall(h.db.prisma, "kit", "/produceAPI/v2/applicationSync", "applicationSync", { instanceId: "i", clientSecret: "[redacted]" });
      const noBody = (await h.db.prisma.marketplaceCall.create({ data: { channel: "base", path: "/api/marketplace", rawBody: "not json", resultCode: "000002" } })).id;
      for (const [id, why] of [[badSig, /signature/], [redacted, /redacted/], [noBody, /no complete verified request body/]] as const) {
        await assert.rejects(dryRunCall(h.db.prisma, config, id, Date.now()), (e: unknown) => e instanceof AppError && e.code === "RERUN_REFUSED" && why.test(e.message));
      }
      await assert.rejects(dryRunCall(h.db.prisma, config, randomUUID(), Date.now()), (e: unknown) => e instanceof AppError && e.code === "NOT_FOUND");
    });

    it("through the router: owner-only, audited, and the audit row is the only change", async () => {
      const id = await loggedCall(h.db.prisma, "base", "/api/marketplace", "newInstance", newOrder());
      const before = await snapshotTables(h.db.prisma, ["StaffAuditEvent"]);
      await assertAppError(createCaller(createContextInner({ session: viewer })).callLog.rerun({ id }), "FORBIDDEN", "OWNER_ONLY");
      const answer = await createCaller(createContextInner({ session: owner, clientAddress: "203.0.113.9" })).callLog.rerun({ id });
      assert.equal(answer.response.resultCode, "000000");
      assert.deepEqual(await snapshotTables(h.db.prisma, ["StaffAuditEvent"]), before);
      const audit = await h.db.prisma.staffAuditEvent.findMany({ where: { action: "call.rerun", target: id } });
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.actor, audit[0]!.actorRole, audit[0]!.clientAddress, audit[0]!.details], ["olga", "owner", "203.0.113.9", { activity: "newInstance", resultCode: "000000" }]);
      const detail = await createCaller(createContextInner({ session: viewer })).callLog.detail({ id });
      assert.equal(detail.rerunRefusal, null, "a viewer may read the detail");
    });
  });
}
