/**
 * The app's marketplace endpoints behind a plain node:http server on an ephemeral port — the
 * framework-free handlers the Next.js routes call (base interface, Kit sync, conformance report) —
 * so the conformance runner talks to a real socket without a Next build. `breakage` rewrites the
 * app's answers to make deliberately broken servers the runner must catch.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { after, before } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { MAX_PROBE_REPORT_BYTES, PROBE_REPORT_PATH } from "~/conformance/probe-report";
import { defineCatalog } from "~/server/billing/catalog-types";
import { setBillingConfigForTests, setCatalogForTests } from "~/server/billing/config";
import { handleConformanceReport } from "~/server/conformance/report-endpoint";
import { handleBaseCall, type MarketplaceHttpResponse } from "~/server/marketplace/base-interface";
import type { MarketplaceConfig } from "~/server/marketplace/config";
import { handleKitCall } from "~/server/marketplace/kit-interface";
import { mockOrder } from "~/dev/openapi-mock/orders";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { TEST_AK, TEST_SK, TEST_PUSH_KEY } from "./billing";
import { testConfig, testRsaKeys } from "./marketplace";

export interface SeenRequest {
  path: string;
  json: Record<string, unknown> | undefined;
}

/** Rewrites one answer of the real app (state lives in the closure that builds it). */
export type Breakage = (req: SeenRequest, res: MarketplaceHttpResponse) => MarketplaceHttpResponse;

export interface AppServer {
  /** The production address: http://127.0.0.1:<port>/api/marketplace */
  productionAddress: string;
  /** The app's base URL (for --report-to). */
  appUrl: string;
  setBreakage(b: Breakage | undefined): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on("end", () => resolve(size > max ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function tryJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startAppServer(prisma: () => PrismaClient, config: MarketplaceConfig): Promise<AppServer> {
  let breakage: Breakage | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const raw = await readBody(req, url.pathname === PROBE_REPORT_PATH ? MAX_PROBE_REPORT_BYTES : 1024 * 1024);
      let out: MarketplaceHttpResponse;
      if (raw === null) out = { status: 413, headers: { "content-type": "application/json" }, body: '{"resultCode":"000002","resultMsg":"too large"}' };
      else if (req.method !== "POST") out = { status: 405, headers: {}, body: "" };
      else if (url.pathname === PROBE_REPORT_PATH) out = await handleConformanceReport(prisma(), config, { rawBody: raw, query: url.searchParams });
      else if (url.pathname.startsWith("/api/marketplace/produceAPI/v2/")) {
        const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        out = await handleKitCall(prisma(), config, { rawBody: raw, headers, path: url.pathname });
      } else if (url.pathname === "/api/marketplace") out = await handleBaseCall(prisma(), config, { rawBody: raw, query: url.searchParams, path: url.pathname });
      else out = { status: 404, headers: { "content-type": "text/plain" }, body: "not found" };
      if (breakage && raw !== null) out = breakage({ path: url.pathname, json: tryJson(raw) }, out);
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    })().catch((err: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const appUrl = `http://127.0.0.1:${port}`;
  return {
    productionAddress: `${appUrl}/api/marketplace`,
    appUrl,
    setBreakage: (b) => {
      breakage = b;
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A catalog mapping the SKUs the open-API mock answers for the marketplace's MOCK… orders, plus a
 * 用完即停 SKU, so each billing mode gets its kind of instance whatever an ISV puts in catalog.ts.
 */
export const CONFORMANCE_CATALOG = defineCatalog({
  meters: { calls: { name: { zh: "调用", en: "calls" }, unit: { zh: "次", en: "calls" } } },
  quotas: { seats: { zh: "成员", en: "seats" } },
  features: { core: { zh: "核心", en: "core" } },
  plans: {
    period: { name: { zh: "包周期", en: "Period" }, billingMode: "PERIOD", product: "app", match: [{ skuCode: "mock-sku-pro-yearly" }], features: ["core"], quotas: { seats: 5 }, meters: { calls: { monthlyQuota: 100 } }, trial: { days: 7 } },
    once: { name: { zh: "按次", en: "One-time" }, billingMode: "ONE_TIME", product: "app", match: [{ skuCode: "mock-sku-lifetime" }], features: ["core"], quotas: { seats: 5 } },
    od: { name: { zh: "按需", en: "On demand" }, billingMode: "ON_DEMAND", product: "app", match: [{ skuCode: "mock-sku-payg-api" }], features: ["core"], quotas: { seats: 5 }, billedMeter: "calls" },
    odpkg: { name: { zh: "按需套餐包", en: "Package" }, billingMode: "ON_DEMAND_PKG", product: "app", match: [{ skuCode: "mock-sku-payg-api-pack-10k" }], features: ["core"], quotas: { seats: 5 }, package: { calls: 50 } },
    stop: { name: { zh: "用完即停", en: "Stop package" }, billingMode: "STOP_WHEN_USED_UP_PKG", product: "app", match: [{ skuCode: "conformance-sku-stop" }], features: ["core"], quotas: { seats: 2 }, package: { calls: 100 } },
  },
  defaultPlan: "period",
  quotaPeriodUtcOffsetMinutes: 0,
});

/** An order the mock answers for the 用完即停 mode (the marketplace has no MOCK id for it). */
export const STOP_PKG_ORDER_ID = "CONFORMANCESTOPPKG";

export interface ConformanceApp {
  readonly server: AppServer;
  readonly mock: MockOpenApi;
  readonly publicKeyPem: string;
}

/** before/after hooks: the open-API mock (查询订单 on), the catalog above, and the app server. */
export function useConformanceApp(prisma: () => PrismaClient, skip: false | string, over: Partial<MarketplaceConfig> = {}): ConformanceApp {
  let server: AppServer | undefined;
  let mock: MockOpenApi | undefined;
  before(async () => {
    if (skip) return;
    mock = await startMockOpenApi({ ak: TEST_AK, sk: TEST_SK, usagePushKey: TEST_PUSH_KEY });
    mock.addOrder(mockOrder(STOP_PKG_ORDER_ID, "NEW", "ON_DEMAND_PKG", "conformance-sku-stop", Date.now(), { validDays: 365 }));
    setCatalogForTests(CONFORMANCE_CATALOG);
    setBillingConfigForTests({ queryOrder: true, openApi: { endpoint: mock.url, ak: TEST_AK, sk: TEST_SK, queryOrderTimeoutMs: 5000 }, usagePush: { enabled: false }, defaultPlanId: "period" });
    server = await startAppServer(prisma, testConfig({ rsaPrivateKey: testRsaKeys().privateKey, ...over }));
  });
  after(async () => {
    await server?.stop();
    await mock?.stop();
    setCatalogForTests(undefined);
    setBillingConfigForTests(undefined);
  });
  return {
    get server() {
      if (!server) throw new Error("conformance app not started");
      return server;
    },
    get mock() {
      if (!mock) throw new Error("conformance app not started");
      return mock;
    },
    publicKeyPem: testRsaKeys().publicKey,
  };
}
