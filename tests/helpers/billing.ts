/**
 * Billing test kit: a test catalog (so ISV edits to catalog.ts never break tests), the local
 * open-API mock wired in as 查询订单 and usage-push endpoint, and helpers that buy things the way
 * the marketplace does — a mock order, then a signed newInstance through the production interface.
 */
import { randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { PrismaClient } from "~/generated/prisma/client";
import { defineCatalog } from "~/server/billing/catalog-types";
import { setBillingConfigForTests, setCatalogForTests } from "~/server/billing/config";
import type { DrawdownShared } from "~/server/billing/drawdown-sql";
import { mockOrder, type MockOrder } from "~/dev/openapi-mock/orders";
import { startMockOpenApi, type MockOpenApi } from "~/dev/openapi-mock/server";
import { callBase } from "./marketplace";

export const TEST_AK = "TESTAKEXAMPLE0000001";
export const TEST_SK = "test-sk-0123456789abcdefghijklmnopqrstuv";
export const TEST_PUSH_KEY = "test-usage-push-key";

export const TEST_CATALOG = defineCatalog({
  meters: {
    calls: { name: { zh: "调用", en: "calls" }, unit: { zh: "次", en: "calls" } },
    sms: { name: { zh: "短信", en: "SMS" }, unit: { zh: "条", en: "messages" } },
    events: { name: { zh: "事件", en: "events" }, unit: { zh: "个", en: "events" } },
  },
  quotas: { seats: { zh: "成员", en: "seats" } },
  features: { core: { zh: "核心", en: "core" }, api: { zh: "API", en: "API" }, export: { zh: "导出", en: "export" } },
  plans: {
    std: {
      name: { zh: "标准版", en: "Standard" },
      billingMode: "PERIOD",
      product: "app",
      match: [{ skuCode: "t-std" }],
      features: ["core", "api"],
      quotas: { seats: 3 },
      meters: { calls: { monthlyQuota: 100 }, events: {} },
      trial: { days: 7, withoutFeatures: ["api"], quotas: { seats: 1 }, meters: { calls: { monthlyQuota: 10 } } },
    },
    big: {
      name: { zh: "旗舰版", en: "Big" },
      billingMode: "PERIOD",
      product: "app",
      match: [{ skuCode: "t-big" }],
      features: ["core", "api", "export"],
      quotas: { seats: 10 },
      meters: { calls: { monthlyQuota: 1000 }, events: {} },
    },
    od: {
      name: { zh: "按需", en: "On demand" },
      billingMode: "ON_DEMAND",
      product: "app",
      match: [{ skuCode: "t-od" }],
      features: ["core", "api"],
      quotas: { seats: 5 },
      billedMeter: "calls",
    },
    odpkg: {
      name: { zh: "按需套餐包", en: "On-demand package" },
      billingMode: "ON_DEMAND_PKG",
      product: "app",
      match: [{ skuCode: "t-odpkg" }],
      features: ["core", "api"],
      quotas: { seats: 5 },
      package: { calls: 50 },
    },
    // 用完即停 is its own product: it has no on-demand fallback (stop_od only carries its usage push).
    stop: {
      name: { zh: "用完即停", en: "Stop package" },
      billingMode: "STOP_WHEN_USED_UP_PKG",
      product: "app-stop",
      match: [{ skuCode: "t-stop" }],
      features: ["core", "api"],
      quotas: { seats: 2 },
      package: { calls: 100 },
    },
    stop_multi: {
      name: { zh: "用完即停组合包", en: "Stop package, two meters" },
      billingMode: "STOP_WHEN_USED_UP_PKG",
      product: "app-stop",
      match: [{ skuCode: "t-stop-multi" }],
      features: ["core"],
      quotas: { seats: 2 },
      package: { calls: 30, sms: 5 },
    },
    stop_od: {
      name: { zh: "用完即停按需实例", en: "On-demand instance of the stop product" },
      billingMode: "ON_DEMAND",
      product: "app-stop",
      match: [{ skuCode: "t-stop-od" }],
      features: ["core", "api"],
      quotas: { seats: 2 },
      billedMeter: "calls",
    },
    team: {
      name: { zh: "团队版", en: "Team" },
      billingMode: "PERIOD",
      product: "app",
      match: [{ skuCode: "t-team" }],
      features: ["core"],
      quotas: { seats: 3 },
      linearQuota: "seats",
    },
  },
  defaultPlan: "std",
  quotaPeriodUtcOffsetMinutes: 0,
});

export interface BillingKit {
  readonly mock: MockOpenApi;
  /** Creates a mock order and delivers newInstance for each of its lines; returns the instance ids. */
  buy(prisma: PrismaClient, sku: string, opts?: BuyOptions): Promise<string[]>;
}

export interface BuyOptions {
  customerId?: string;
  orderType?: MockOrder["orderType"];
  chargingMode?: MockOrder["orderLine"][number]["chargingMode"];
  validDays?: number;
  lines?: number;
  nowMs?: number;
  testFlag?: "1";
  /** productInfo.linearValue of the order (e.g. users bought). */
  linearValue?: number;
}

const MODE: Record<string, MockOrder["orderLine"][number]["chargingMode"]> = {
  "t-std": "PERIOD",
  "t-big": "PERIOD",
  "t-od": "ON_DEMAND",
  "t-odpkg": "ON_DEMAND_PKG",
  "t-stop": "ON_DEMAND_PKG",
  "t-stop-multi": "ON_DEMAND_PKG",
  "t-stop-od": "ON_DEMAND",
  "t-team": "PERIOD",
};

export const uniqueId = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(4).toString("hex")}`.toUpperCase();

/**
 * Registers before/after hooks: the mock open API, the test catalog, and billing settings that
 * point at the mock (查询订单 on, usage push on with short timeouts and no backoff wait).
 */
export function useBillingKit(opts: { pushTimeoutMs?: number; maxRecordsPerPush?: number } = {}): BillingKit {
  let mock: MockOpenApi | undefined;
  before(async () => {
    mock = await startMockOpenApi({ ak: TEST_AK, sk: TEST_SK, usagePushKey: TEST_PUSH_KEY, maxRecordsPerPush: opts.maxRecordsPerPush });
    setCatalogForTests(TEST_CATALOG);
    setBillingConfigForTests({
      queryOrder: true,
      openApi: { endpoint: mock.url, ak: TEST_AK, sk: TEST_SK, queryOrderTimeoutMs: 5000 },
      usagePush: { enabled: true, key: TEST_PUSH_KEY, timeoutMs: opts.pushTimeoutMs ?? 1000, backoffBaseMs: 1000, backoffMaxMs: 4000, maxAttempts: 50 },
      defaultPlanId: "std",
      retentionDays: 30,
    });
  });
  after(async () => {
    setCatalogForTests(undefined);
    setBillingConfigForTests(undefined);
    await mock?.stop();
  });
  return {
    get mock() {
      if (!mock) throw new Error("billing kit not started");
      return mock;
    },
    async buy(prisma, sku, o = {}) {
      const orderId = uniqueId("CS");
      const nowMs = o.nowMs ?? Date.now();
      const order = mockOrder(orderId, o.orderType ?? "NEW", o.chargingMode ?? MODE[sku] ?? "PERIOD", sku, nowMs, {
        validDays: o.validDays,
        customerId: o.customerId,
        lines: o.lines,
        linearValue: o.linearValue,
      });
      mock!.addOrder(order);
      const ids: string[] = [];
      for (const line of order.orderLine) {
        const res = await callBase(prisma, {
          activity: "newInstance",
          orderId,
          orderLineId: line.orderLineId,
          businessId: randomBytes(16).toString("hex"),
          ...(o.testFlag ? { testFlag: o.testFlag } : {}),
        });
        assert.equal(res.json.resultCode, "000000", res.text);
        ids.push(res.json.instanceId as string);
      }
      return ids;
    },
  };
}

/** Sum of a Decimal column as units of 1/10,000 (exact). */
export function units(values: Array<{ toFixed(n: number): string }>): number {
  let sum = 0;
  for (const v of values) sum += Math.round(Number(v.toFixed(4)) * 10_000);
  return sum;
}

/**
 * The shared part of a drawdown batch on one 用完即停 package's "calls" meter (refused at zero,
 * billed to the package), for tests of the debit statement itself (drawdown-sql.ts).
 */
export function stopPackageDrawdown(accountKey: string, packageId: string, extra: Partial<DrawdownShared> = {}): DrawdownShared {
  return {
    accountKey,
    meter: "calls",
    now: new Date(),
    liveInstanceIds: [packageId],
    shortfall: "refuse",
    overflowTo: null,
    packageBilledTo: "self",
    requiredGrantKey: null,
    remembered: null,
    ...extra,
  };
}
