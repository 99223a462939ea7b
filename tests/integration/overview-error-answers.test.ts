/**
 * The overview's traffic against the database, on PGlite and PostgreSQL: the last base call is
 * rated by its result code (000002 is a warning naming the code, not "OK"), and the "error
 * answers (24 h)" card's link (ERRORS_24H_HREF) lists exactly the calls the card counts — error
 * answers of the last 24 hours, not older ones, not successes, not calls still unanswered.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Session } from "next-auth";
import { callLogInput, ERRORS_24H_HREF, parseCallLogView } from "~/app/admin/(staff)/calls/search-params";
import { parseEnv } from "~/env";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadTraffic, trafficChecks } from "~/server/setup-health";
import { testTargets, useTestDatabase } from "../helpers/databases";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();
const staffSession: Session = { expires: EXPIRES, user: { kind: "staff", name: "admin", role: "owner" } };
const MIN = 60_000;
const HOUR = 60 * MIN;

for (const target of testTargets()) {
  describe(`overview error answers on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const now = Date.now();
    // Newest first: the last base call answered 000002.
    const seed = [
      { key: "last", channel: "base", resultCode: "000002", ago: 1 * MIN },
      { key: "ok", channel: "base", resultCode: "000000", ago: 1 * HOUR },
      { key: "pending", channel: "base", resultCode: null, ago: 2 * HOUR },
      { key: "kit-err", channel: "kit", resultCode: "000101", ago: 3 * HOUR },
      { key: "old-err", channel: "base", resultCode: "000001", ago: 30 * HOUR },
    ] as const;

    before(async () => {
      for (const s of seed) {
        await h.db.prisma.marketplaceCall.create({
          data: {
            channel: s.channel,
            activity: s.channel === "kit" ? "tenantSync" : "newInstance",
            path: "/api/marketplace",
            orderId: `order-${s.key}`,
            nonce: `nonce-${s.key}`,
            isTest: false,
            requestBody: {},
            resultCode: s.resultCode,
            httpStatus: s.resultCode ? 200 : null,
            receivedAt: new Date(now - s.ago),
          },
        });
      }
    });

    it("the last base call answered 000002 is a warning that names the code", async () => {
      const traffic = await loadTraffic(h.db.prisma, now);
      const check = trafficChecks(parseEnv({}), traffic, now).find((c) => c.id === "last-base-call")!;
      assert.equal(check.status, "warn");
      assert.match(check.title, /000002/);
    });

    it("the error card's link lists exactly the error answers it counts", async () => {
      const traffic = await loadTraffic(h.db.prisma, now);
      const view = parseCallLogView(Object.fromEntries(new URL(ERRORS_24H_HREF, "http://x").searchParams));
      const { items } = await createCaller(createContextInner({ session: staffSession })).callLog.list(callLogInput(view, 480, now));
      assert.deepEqual(
        items.map((c) => c.orderId),
        ["order-last", "order-kit-err"],
      );
      assert.equal(items.length, traffic.errorAnswers24h);
    });
  });
}
