/**
 * The staff lists' free-text search matches the text as typed: `%`, `_` and `\` are characters,
 * not LIKE wildcards (escapeLike in src/server/api/routers/list-window.ts). Each list holds a row
 * with the literal text and rows that only a wildcard would match.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { escapeLike } from "~/server/api/routers/list-window";
import { testTargets, useTestDatabase } from "../helpers/databases";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };

/** Per row: the distinctive part of its ids. Only the first holds the literal characters. */
const MARKS = ["50%x_y\\z", "50abxqyz", "500xqyz"];

describe("escapeLike", () => {
  it("escapes the escape character and both wildcards, nothing else", () => {
    assert.equal(escapeLike("50%"), "50\\%");
    assert.equal(escapeLike("a_b"), "a\\_b");
    assert.equal(escapeLike("a\\b"), "a\\\\b");
    assert.equal(escapeLike("订单-1"), "订单-1");
  });
});

for (const target of testTargets()) {
  describe(`staff search is literal on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const api = () => createCaller(createContextInner({ session: staff }));

    before(async () => {
      const db = h.db.prisma;
      for (const [n, m] of MARKS.entries()) {
        await db.instance.create({
          data: { id: `inst-${n}`, newInstanceKey: `key-${n}`, orderId: `order-${m}`, orderLineId: `line-${n}`, businessId: `biz-${n}`, adminUserName: "admin", adminPasswordEnc: "v1:x" },
        });
        await db.tenant.create({ data: { tenantId: `tenant-${n}`, tenantCode: `code-${n}`, name: `Shop ${m}`, domainName: `https://t${n}.example` } });
        await db.licenseCode.create({ data: { license: `LIC-${n}`, orderId: `lorder-${m}`, firstSeenVia: "refreshLicenseCode" } });
        await db.marketplaceCall.create({ data: { channel: "base", activity: "newInstance", path: "/api/marketplace", orderId: `corder-${m}`, resultCode: "000000" } });
        await db.usagePushRecord.create({ data: { meteringSn: `sn-${m}`, instanceId: `pinst-${n}`, meter: "storage", hourStart: new Date(Date.UTC(2026, 10, 1, n)), seq: 1, usageValue: 1 } });
        await db.usageEntry.create({ data: { debitId: randomUUID(), accountKey: `acct-${m}`, instanceId: `linst-${n}`, meter: "storage", amount: 1 } });
      }
    });

    /** What each list finds for a search, as the distinctive ids of its rows. */
    const lists: Record<string, (search: string) => Promise<string[]>> = {
      instances: async (search) => (await api().instanceAdmin.list({ search })).items.map((i) => i.orderId ?? ""),
      tenants: async (search) => (await api().tenantAdmin.list({ search })).items.map((t) => t.name),
      licenses: async (search) => (await api().licenseAdmin.list({ search })).items.map((l) => l.orderId ?? ""),
      calls: async (search) => (await api().callLog.list({ search })).items.map((c) => c.orderId ?? ""),
      "usage records": async (search) => (await api().usageAdmin.pushRecords({ search })).items.map((r) => r.meteringSn),
      ledger: async (search) => (await api().usageAdmin.ledger({ search })).items.map((e) => e.accountKey),
    };

    for (const [name, find] of Object.entries(lists)) {
      it(`${name}: "%", "_" and "\\" match only themselves`, async () => {
        for (const search of ["50%", "%x_y", "x_y", "y\\z", "50%x_y\\z"]) {
          const found = await find(search);
          assert.equal(found.length, 1, `${name} "${search}" → ${JSON.stringify(found)}`);
          assert.ok(found[0]!.endsWith(MARKS[0]!), `${name} "${search}" → ${found[0]}`);
        }
        // Plain text still matches in part and in any case.
        assert.equal((await find("50")).length, MARKS.length, `${name} "50"`);
        assert.deepEqual(await find("%%"), [], `${name} "%%"`);
      });
    }
  });
}
