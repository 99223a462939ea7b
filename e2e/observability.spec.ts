/**
 * The operations endpoints against the production build, through src/proxy.ts (README
 * "Operations: logs, health, metrics"): health and readiness answer, /api/metrics refuses without
 * the token and answers the Prometheus text with it, X-Request-Id round-trips on routes and
 * pages and lands on the call-log row staff can look up.
 */
import { expect, test } from "@playwright/test";
import { signedBaseRequest } from "~/koogallery/client";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";
import { buyInstance, DEFAULT_E2E_SKU } from "./helpers/marketplace";

test("health: liveness and database readiness, with the proxy's security headers", async ({ request }) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect(await live.json()).toMatchObject({ status: "ok", version: "0.1.0" });
  expect(live.headers()["x-content-type-options"]).toBe("nosniff");
  for (const path of ["/api/health/ready", "/api/health?ready=1"]) {
    const ready = await request.get(path);
    expect(ready.status(), path).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "ok" });
  }
});

test("/api/metrics refuses without the token and answers with it", async ({ request }) => {
  const none = await request.get("/api/metrics");
  expect(none.status()).toBe(401);
  expect(await none.text()).not.toContain("koo_");
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token-0123456789" } })).status()).toBe(401);

  await buyInstance(request, { sku: DEFAULT_E2E_SKU });
  const ok = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_ENV.METRICS_TOKEN}` } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await ok.text();
  // Counted by the route's process, read from the same registry (one copy across bundles).
  const calls = /^koo_marketplace_calls_total\{channel="base",activity="newInstance",result_code="000000"\} (\d+)$/m.exec(text);
  expect(calls, text.slice(0, 2000)).not.toBeNull();
  expect(Number(calls![1])).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/^koo_usage_push_outbox_pending \d+$/m);
  expect(text).toMatch(/^koo_metrics_database_up 1$/m);
});

test("X-Request-Id round-trips on routes, pages and marketplace calls", async ({ request }) => {
  const health = await request.get("/api/health", { headers: { "x-request-id": "e2e-health-0001" } });
  expect(health.headers()["x-request-id"]).toBe("e2e-health-0001");
  const page = await request.get("/", { headers: { "x-request-id": "e2e-page-0001" } });
  expect(page.headers()["x-request-id"]).toBe("e2e-page-0001");
  const insane = await request.get("/api/health", { headers: { "x-request-id": "has spaces in it" } });
  expect(insane.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  // A call with a bad signature is answered 000001, under the caller's id (stored on its row: tests/integration/observability.test.ts).
  const signed = signedBaseRequest({ baseUrl: `${E2E_BASE_URL}/api/marketplace`, accessKey: "wrong-key", body: { activity: "newInstance", orderId: "CSE2EREQID" } });
  const call = await request.post(signed.url, { headers: { ...signed.headers, "x-request-id": "e2e-call-0001" }, data: signed.body });
  expect(call.headers()["x-request-id"]).toBe("e2e-call-0001");
  expect(await call.json()).toMatchObject({ resultCode: "000001" });
});
