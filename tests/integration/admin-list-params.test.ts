/**
 * Hostile query-string values on the staff lists (README "Staff console lists": a malformed value
 * falls back to its default). Each list's view is read from the query string the way its page and
 * its CSV export read it, and the procedure behind it must answer — a NUL, a lone surrogate (also
 * one left by cutting a long search), a day in year 0000 or 0001 must not reach PostgreSQL. The
 * procedures themselves refuse a window outside years 0001–9999 as BAD_REQUEST.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { callLogInput, parseCallLogView } from "~/app/admin/(staff)/calls/search-params";
import { instanceListInput, parseInstanceListView } from "~/app/admin/(staff)/instances/search-params";
import { licenseListInput, parseLicenseListView } from "~/app/admin/(staff)/licenses/search-params";
import type { RawSearchParams } from "~/app/admin/(staff)/query-params";
import { parseTenantListView, tenantListInput } from "~/app/admin/(staff)/tenants/search-params";
import { parseUsageView, usageFilterInput } from "~/app/admin/(staff)/usage/search-params";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { assertAppError } from "../helpers/trpc";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staff: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const OFFSET = 480;

/** Values no list may turn into an error. */
const HOSTILE_VALUES: Record<string, string> = {
  nul: "a\u0000b",
  loneHigh: "x\ud800",
  loneLow: "\udc00y",
  splitPair: "x".repeat(99) + "😀",
  year0000: "0000-01-01",
  year0001: "0001-01-01",
  year9999: "9999-12-31",
};

type Caller = ReturnType<typeof createCaller>;

/** Each list: the query parameters it reads and how its page asks its procedure. */
const LISTS: { name: string; params: string[]; ask: (api: Caller, sp: RawSearchParams) => Promise<unknown> }[] = [
  {
    name: "calls",
    params: ["q", "from", "to", "activity", "resultCode", "channel", "instanceId", "requestId", "cursor"],
    ask: (api, sp) => api.callLog.list(callLogInput(parseCallLogView(sp), OFFSET)),
  },
  { name: "instances", params: ["q", "from", "to", "status", "page"], ask: (api, sp) => api.instanceAdmin.list(instanceListInput(parseInstanceListView(sp), OFFSET)) },
  { name: "tenants", params: ["q", "from", "to", "page"], ask: (api, sp) => api.tenantAdmin.list(tenantListInput(parseTenantListView(sp), OFFSET)) },
  { name: "licenses", params: ["q", "from", "to", "status", "page"], ask: (api, sp) => api.licenseAdmin.list(licenseListInput(parseLicenseListView(sp), OFFSET)) },
  {
    name: "usage records",
    params: ["q", "from", "to", "status", "instance", "cursor"],
    ask: (api, sp) => {
      const view = parseUsageView({ ...sp, tab: "records" });
      return api.usageAdmin.pushRecords({ ...usageFilterInput(view, OFFSET), status: view.status, cursor: view.cursor });
    },
  },
  {
    name: "dead letters",
    params: ["q", "from", "to", "reason", "instance", "cursor"],
    ask: (api, sp) => {
      const view = parseUsageView({ ...sp, tab: "dead" });
      return api.usageAdmin.deadLetters({ ...usageFilterInput(view, OFFSET), reason: view.reason, cursor: view.cursor });
    },
  },
  {
    name: "ledger",
    params: ["q", "from", "to", "account", "instance", "cursor"],
    ask: (api, sp) => {
      const view = parseUsageView({ ...sp, tab: "ledger" });
      return api.usageAdmin.ledger({ ...usageFilterInput(view, OFFSET), accountKey: view.account, cursor: view.cursor });
    },
  },
];

for (const target of testTargets()) {
  describe(`staff list query values on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const api = () => createCaller(createContextInner({ session: staff }));

    before(async () => {
      await h.db.prisma.instance.create({
        data: { id: "inst-1", newInstanceKey: "key-1", orderId: "order-1", orderLineId: "line-1", businessId: "biz-1", adminUserName: "admin", adminPasswordEnc: "v1:x" },
      });
    });

    for (const list of LISTS) {
      it(`${list.name}: every hostile value in every parameter falls back and the list answers`, async () => {
        for (const param of list.params) {
          for (const [label, value] of Object.entries(HOSTILE_VALUES)) {
            await assert.doesNotReject(list.ask(api(), { [param]: value }), `${list.name} ?${param}=${label}`);
          }
        }
        // The fallback is the default view, not an empty one.
        if (list.name === "instances") assert.equal(((await list.ask(api(), { q: "a\u0000b", from: "0000-01-01" })) as { total: number }).total, 1);
      });
    }

    it("a search cut at 100 units keeps whole characters", async () => {
      const view = parseCallLogView({ q: "x".repeat(99) + "😀" });
      assert.equal(view.q, "x".repeat(99));
    });

    it("a window outside years 0001–9999 is BAD_REQUEST, not a database error", async () => {
      const y0 = new Date("0000-06-01T00:00:00.000Z");
      const past = new Date("0000-12-31T16:00:00.000Z");
      const future = new Date("+010000-01-01T00:00:00.000Z");
      await assertAppError(api().callLog.list({ from: past }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().callLog.list({ to: y0 }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().instanceAdmin.list({ to: future }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().tenantAdmin.list({ from: past }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().licenseAdmin.list({ from: past }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().usageAdmin.pushRecords({ from: past }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().usageAdmin.deadLetters({ to: future }), "BAD_REQUEST", "INVALID_INPUT");
      await assertAppError(api().usageAdmin.ledger({ from: past }), "BAD_REQUEST", "INVALID_INPUT");
      await assert.rejects(api().callLog.list({ from: past }), /0001-01-01/);
      // The edges themselves are fine.
      assert.deepEqual((await api().callLog.list({ from: new Date("0001-01-01T00:00:00.000Z"), to: new Date("9999-12-31T23:59:59.999Z") })).items, []);
    });
  });
}
