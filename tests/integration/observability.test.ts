/**
 * Signals for a platform team (README "Operations: logs, health, metrics"), on PGlite and
 * PostgreSQL, through the route handlers:
 * - X-Request-Id round-trips through the marketplace route and lands on the call-log row, where
 *   staff find the call by it;
 * - /api/metrics text (parsed) counts marketplace calls by channel/activity/result code with a
 *   latency histogram, metered debits and refusals, and reads the outbox gauges and dead letters
 *   from the database; it refuses without the token;
 * - /api/health answers without the database, /api/health?ready=1 and /api/health/ready answer
 *   503 with a reason when the database is unreachable or does not answer in time.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import type { Session } from "next-auth";
import { GET as healthGET } from "~/app/api/health/route";
import { GET as readyGET } from "~/app/api/health/ready/route";
import { POST as marketplacePOST } from "~/app/api/marketplace/route";
import { GET as metricsGET } from "~/app/api/metrics/route";
import { getEnv, resetEnvForTests } from "~/env";
import { canonicalPayload } from "~/koogallery/canonical-json";
import { signBase } from "~/koogallery/signature";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { consume } from "~/server/billing/consume";
import { setDatabaseForTests } from "~/server/db";
import { openDatabase, type Database } from "~/server/db/connection";
import { collectDatabaseGauges, metricsText, resetMetricsForTests } from "~/server/observability/metrics";
import { uniqueId, useBillingKit } from "../helpers/billing";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { newOrder } from "../helpers/marketplace";
import { sampleValue } from "../helpers/prometheus-text";

const TOKEN = "it-metrics-token-0123456789abcdef";
const staff: Session = { expires: new Date(Date.now() + 3600_000).toISOString(), user: { kind: "staff", name: "admin", role: "owner" } };

function signedBase(body: Record<string, unknown>, headers: Record<string, string> = {}, sign = true): Request {
  const raw = canonicalPayload(JSON.stringify(body));
  const nonce = randomBytes(16).toString("hex");
  const timestamp = String(Date.now());
  const q = new URLSearchParams({ timestamp, nonce });
  if (sign) q.set("signature", signBase({ accessKey: getEnv().KOOGALLERY_ACCESS_KEY, nonce, timestamp, payload: raw }));
  return new Request(`http://app.test/api/marketplace?${q}`, { method: "POST", body: raw, headers: { "content-type": "application/json", ...headers } });
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://app.test${path}`, { headers });

function withEnv(vars: Record<string, string | undefined>) {
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const [k, v] of Object.entries(vars)) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  });
}

for (const target of testTargets()) {
  describe(`observability on ${target.name}`, { skip: target.skip }, () => {
    withEnv({ METRICS_TOKEN: TOKEN, METRICS_ALLOW_CIDRS: undefined, HEALTH_READY_TIMEOUT_MS: "300" });
    const h = useTestDatabase(target);
    const prisma = () => h.db.prisma;
    beforeEach(() => resetMetricsForTests());

    it("X-Request-Id round-trips, is stored on the call row and finds the call", async () => {
      const order = newOrder();
      const res = await marketplacePOST(signedBase(order, { "x-request-id": "lb-trace-0001" }));
      assert.equal(res.headers.get("x-request-id"), "lb-trace-0001");
      assert.equal(((await res.json()) as { resultCode: string }).resultCode, "000000");
      const row = await prisma().marketplaceCall.findFirstOrThrow({ where: { orderId: order.orderId } });
      assert.equal(row.requestId, "lb-trace-0001");
      const found = await createCaller(createContextInner({ session: staff })).callLog.list({ requestId: "lb-trace-0001" });
      assert.deepEqual(found.items.map((c) => c.id), [row.id]);
      assert.equal(found.items[0]!.requestId, "lb-trace-0001");

      // An insane id is replaced; the generated one is the one answered and stored.
      const other = newOrder();
      const res2 = await marketplacePOST(signedBase(other, { "x-request-id": "bad id\twith tab" }));
      const generated = res2.headers.get("x-request-id")!;
      assert.match(generated, /^[0-9a-f-]{36}$/);
      assert.equal((await prisma().marketplaceCall.findFirstOrThrow({ where: { orderId: other.orderId } })).requestId, generated);
    });

    it("metrics count calls by channel, activity and result code, with latency", async () => {
      await marketplacePOST(signedBase(newOrder()));
      await marketplacePOST(signedBase(newOrder()));
      await marketplacePOST(signedBase(newOrder(), {}, false));
      const text = await metricsText();
      assert.equal(sampleValue(text, "koo_marketplace_calls_total", { channel: "base", activity: "newInstance", result_code: "000000" }), 2);
      // Refused before validation: the activity is not trusted yet.
      assert.equal(sampleValue(text, "koo_marketplace_calls_total", { channel: "base", activity: "unknown", result_code: "000001" }), 1);
      assert.equal(sampleValue(text, "koo_marketplace_call_duration_seconds_count", { channel: "base", activity: "newInstance" }), 2);
      assert.ok(sampleValue(text, "koo_marketplace_call_duration_seconds_sum", { channel: "base", activity: "newInstance" })! > 0);
      assert.equal(sampleValue(text, "koo_marketplace_call_duration_seconds_bucket", { channel: "base", activity: "newInstance", le: "+Inf" }), 2);
    });

    it("outbox depth, oldest pending age and dead letters come from the database", async () => {
      const now = Date.UTC(2027, 0, 10, 12, 0, 0);
      const base = { instanceId: uniqueId("I"), meter: "calls", usageValue: "1", hourStart: new Date(now - 3 * 3600_000) };
      let seq = 0;
      const row = (status: string, createdAtMs: number, deadReason: string | null = null) =>
        prisma().usagePushRecord.create({ data: { ...base, seq: ++seq, meteringSn: uniqueId("SN"), status, createdAt: new Date(createdAtMs), deadReason } });
      await row("PENDING", now - 90_000);
      await row("PENDING", now - 30_000);
      await row("SENT", now - 7200_000);
      await row("FAILED", now - 5000_000, "TOO_OLD");
      await row("FAILED", now - 5000_000, "TOO_OLD");
      await row("FAILED", now - 5000_000, "REFUSED");

      assert.equal(await collectDatabaseGauges(prisma(), now), true);
      let text = await metricsText();
      assert.equal(sampleValue(text, "koo_usage_push_outbox_pending"), 2);
      assert.equal(sampleValue(text, "koo_usage_push_outbox_oldest_pending_age_seconds"), 90);
      assert.equal(sampleValue(text, "koo_usage_push_dead_letters", { reason: "TOO_OLD" }), 2);
      assert.equal(sampleValue(text, "koo_usage_push_dead_letters", { reason: "REFUSED" }), 1);
      assert.equal(sampleValue(text, "koo_metrics_database_up"), 1);

      // Drained outbox and a re-queued reason: the gauges follow the rows, nothing is left over.
      await prisma().usagePushRecord.updateMany({ where: { instanceId: base.instanceId, status: "PENDING" }, data: { status: "SENT" } });
      await prisma().usagePushRecord.updateMany({ where: { instanceId: base.instanceId, deadReason: "REFUSED" }, data: { status: "PENDING", deadReason: null, createdAt: new Date(now - 10_000) } });
      await collectDatabaseGauges(prisma(), now);
      text = await metricsText();
      assert.equal(sampleValue(text, "koo_usage_push_outbox_pending"), 1);
      assert.equal(sampleValue(text, "koo_usage_push_outbox_oldest_pending_age_seconds"), 10);
      assert.equal(sampleValue(text, "koo_usage_push_dead_letters", { reason: "REFUSED" }), undefined);
      await prisma().usagePushRecord.deleteMany({ where: { instanceId: base.instanceId } });
    });

    it("/api/metrics refuses without the token and answers the text with it", async () => {
      const none = await metricsGET(get("/api/metrics"));
      assert.equal(none.status, 401);
      assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
      assert.doesNotMatch(await none.text(), /koo_/);
      assert.equal((await metricsGET(get("/api/metrics", { authorization: "Bearer wrong-token-0123456789" }))).status, 401);

      await marketplacePOST(signedBase(newOrder()));
      const ok = await metricsGET(get("/api/metrics", { authorization: `Bearer ${TOKEN}`, "x-request-id": "scrape-1" }));
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
      assert.equal(ok.headers.get("x-request-id"), "scrape-1");
      const text = await ok.text();
      assert.equal(sampleValue(text, "koo_marketplace_calls_total", { channel: "base", activity: "newInstance", result_code: "000000" }), 1);
      assert.equal(sampleValue(text, "koo_usage_push_outbox_pending"), 0);
      assert.equal(sampleValue(text, "koo_metrics_database_up"), 1);
      assert.notEqual(sampleValue(text, "koo_process_start_time_seconds"), undefined, "process metrics are there");
    });

    it("/api/health is live without the database; ready answers 503 with the reason when it is down", async () => {
      const live = await healthGET(get("/api/health"));
      assert.equal(live.status, 200);
      const liveBody = (await live.json()) as { status: string; version: string };
      assert.equal(liveBody.status, "ok");
      assert.equal(liveBody.version, "0.1.0");

      for (const path of ["/api/health?ready=1", "/api/health/ready"]) {
        const ready = await (path.includes("?") ? healthGET : readyGET)(get(path));
        assert.equal(ready.status, 200, path);
        assert.equal(((await ready.json()) as { database: string }).database, "ok");
      }

      // Nothing listens on port 1: the driver's connection is refused.
      const unreachable = openDatabase({ kind: "postgres", url: "postgresql://probe:s3cret-pw@127.0.0.1:1/nowhere", poolSize: 1 });
      // A database that never answers: the bounded wait decides.
      const hanging = { prisma: { $queryRaw: () => new Promise(() => {}) } } as unknown as Database;
      try {
        setDatabaseForTests(unreachable);
        for (const path of ["/api/health?ready=1", "/api/health/ready"]) {
          const down = await (path.includes("?") ? healthGET : readyGET)(get(path));
          assert.equal(down.status, 503, path);
          const text = await down.text();
          const body = JSON.parse(text) as { status: string; database: string; reason: string };
          assert.equal(body.status, "unavailable");
          assert.equal(body.database, "down");
          assert.match(body.reason, /^database: /);
          assert.ok(!text.includes("s3cret-pw") && !text.includes("127.0.0.1"), `no connection detail in the public answer: ${text}`);
        }
        assert.equal((await healthGET(get("/api/health"))).status, 200, "liveness does not depend on the database");
        assert.equal(await collectDatabaseGauges(unreachable.prisma), false);
        assert.equal(sampleValue(await metricsText(), "koo_metrics_database_up"), 0);

        setDatabaseForTests(hanging);
        const slow = await readyGET(get("/api/health/ready"));
        assert.equal(slow.status, 503);
        assert.match(((await slow.json()) as { reason: string }).reason, /no answer within 300 ms/);
      } finally {
        setDatabaseForTests(h.db);
        await unreachable.close().catch(() => {});
      }
    });
  });

  describe(`metered debit metrics on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const kit = useBillingKit();
    const prisma = () => h.db.prisma;

    it("counts debits, replays and refusals by meter and code", async () => {
      const [pkg] = await kit.buy(prisma(), "t-stop", { customerId: uniqueId("C"), validDays: 30 });
      resetMetricsForTests();
      await consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 95, idempotencyKey: "m1" });
      await consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 95, idempotencyKey: "m1" });
      await assert.rejects(consume(prisma(), { instanceId: pkg!, meter: "calls", amount: 6, idempotencyKey: "m2" }));
      await assert.rejects(consume(prisma(), { instanceId: pkg!, meter: "sms", amount: 1, idempotencyKey: "m3" }));
      const text = await metricsText();
      assert.equal(sampleValue(text, "koo_metered_debits_total", { meter: "calls", outcome: "debited" }), 1);
      assert.equal(sampleValue(text, "koo_metered_debits_total", { meter: "calls", outcome: "replayed" }), 1);
      assert.equal(sampleValue(text, "koo_metered_refusals_total", { meter: "calls", code: "PACKAGE_EXHAUSTED" }), 1);
      assert.equal(sampleValue(text, "koo_metered_refusals_total", { meter: "sms", code: "FEATURE_NOT_IN_PLAN" }), 1);
    });
  });
}
