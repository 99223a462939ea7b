/**
 * npm run mock:openapi — the local marketplace open-API mock (src/dev/openapi-mock/server.ts) as
 * its own process, for `npm run dev`, the e2e suite (playwright.config.ts) and manual tests:
 * 查询订单 (APIG AK/SK verified), the usage push (signature verified) and the admin API /__mock/*
 * (register orders, read received usage, inject faults — see src/dev/openapi-mock/admin.ts).
 *
 *   MOCK_OPENAPI_PORT      port (default 3199); MOCK_OPENAPI_HOST address (default 127.0.0.1)
 *   KOOGALLERY_OPENAPI_AK / KOOGALLERY_OPENAPI_SK   the AK/SK the app signs 查询订单 with
 *   KOOGALLERY_USAGE_PUSH_KEY (else KOOGALLERY_ACCESS_KEY)   the key the app signs usage pushes with
 *
 * Unset keys fall back to development defaults, printed at start. Stops on SIGINT/SIGTERM.
 */
import { MOCK_HEALTH_PATH } from "~/dev/openapi-mock/admin";
import { MOCK_LICENSE_CODES } from "~/dev/openapi-mock/licenses";
import { marketplaceMockOrders } from "~/dev/openapi-mock/orders";
import { startMockOpenApi } from "~/dev/openapi-mock/server";
import { parseCli, usageFromHeader } from "./cli-args";

// No options: --help prints the header above; anything else is a usage error, not ignored.
parseCli({ options: {} }, usageFromHeader(import.meta.url));

const DEV_AK = "MOCKDEVAK00000000001";
const DEV_SK = "mock-dev-sk-not-a-secret";
/** src/env.ts's development KOOGALLERY_ACCESS_KEY, so a dev app with no keys set pushes verifiably. */
const DEV_PUSH_KEY = "dev-access-key";

const envOr = (name: string, fallback: string, defaulted: string[]): string => {
  const v = process.env[name];
  if (v) return v;
  defaulted.push(name);
  return fallback;
};

const defaulted: string[] = [];
const ak = envOr("KOOGALLERY_OPENAPI_AK", DEV_AK, defaulted);
const sk = envOr("KOOGALLERY_OPENAPI_SK", DEV_SK, defaulted);
const usagePushKey = process.env.KOOGALLERY_USAGE_PUSH_KEY || envOr("KOOGALLERY_ACCESS_KEY", DEV_PUSH_KEY, defaulted);
const host = process.env.MOCK_OPENAPI_HOST || "127.0.0.1";
const portText = process.env.MOCK_OPENAPI_PORT || "3199";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65_535) {
  console.error(`[mock-openapi] MOCK_OPENAPI_PORT must be a port number, got "${portText}"`);
  process.exit(2);
}

const mock = await startMockOpenApi({ ak, sk, usagePushKey, port, host }).catch((err: NodeJS.ErrnoException) => {
  console.error(`[mock-openapi] cannot listen on ${host}:${port}: ${err.code ?? err.message}${err.code === "EADDRINUSE" ? " (another mock running? set MOCK_OPENAPI_PORT)" : ""}`);
  return process.exit(1);
});

const log = (line: string) => console.log(`[mock-openapi] ${line}`);
log(`listening on ${mock.url}  (health: ${mock.url}${MOCK_HEALTH_PATH})`);
if (defaulted.length) log(`development defaults for ${defaulted.join(", ")} — not for anything real`);
log("point the app at it with:");
log(`  KOOGALLERY_QUERY_ORDER=1 KOOGALLERY_OPENAPI_ENDPOINT=${mock.url} KOOGALLERY_OPENAPI_AK=${ak} KOOGALLERY_OPENAPI_SK=${sk}`);
log(`  usage push: KOOGALLERY_USAGE_PUSH_KEY=${usagePushKey}${defaulted.includes("KOOGALLERY_ACCESS_KEY") ? " (the app's dev KOOGALLERY_ACCESS_KEY)" : ""}`);
log("mock orders (orderLineId = id + \"-000001\"):");
for (const o of marketplaceMockOrders(Date.now())) {
  const line = o.orderLine[0]!;
  log(`  ${o.orderId.padEnd(24)} ${o.orderType.padEnd(16)} ${line.chargingMode.padEnd(14)} ${line.productInfo[0]!.skuCode}`);
}
log(`add orders: curl -s -XPOST ${mock.url}/__mock/orders -d '{"orderId":"CSDEV1","orderType":"NEW","chargingMode":"ON_DEMAND_PKG","skuCode":"mock-sku-stop-pack-1k","validDays":365}'`);
log(`License test codes (npm run license -- activate|heartbeat <code>): ${MOCK_LICENSE_CODES.newPrefix}<anything> (fresh), ${MOCK_LICENSE_CODES.activated}, ${MOCK_LICENSE_CODES.notReceived}, ${MOCK_LICENSE_CODES.expired}, ${MOCK_LICENSE_CODES.released}`);
log(`usage received: GET ${mock.url}/__mock/usage · faults: POST ${mock.url}/__mock/faults {"route":"usage","faults":["http500"]}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void mock.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("[mock-openapi] stop failed:", err);
        process.exit(1);
      },
    );
  });
}
