/**
 * Buying as the marketplace does it, over HTTP: the order is registered in the open-API mock
 * (POST /__mock/orders, what 查询订单 will answer), then the signed newInstance reaches the app's
 * production interface, which calls 查询订单 and provisions the plan the SKU maps to
 * (src/server/billing/catalog.ts; the order's chargingMode and validity come from
 * src/dev/openapi-mock/sku-order.ts). A second buy with the same customerId and a usage-mode
 * SKU (package, on-demand) lands in the same account (docs/billing.md §3).
 */
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { signedBaseRequest } from "~/koogallery/client";
import type { MockOrder } from "~/dev/openapi-mock/orders";
import { orderTermsForSku } from "~/dev/openapi-mock/sku-order";
import { CATALOG } from "~/server/billing/catalog";
import { E2E_BASE_URL, E2E_ENV, E2E_MOCK_URL } from "./env";

type ChargingMode = MockOrder["orderLine"][number]["chargingMode"];

export const DEFAULT_E2E_SKU = "mock-sku-basic-monthly";

export interface BuyOptions {
  sku: string;
  /** The buyer (buyerInfo.customerId); default: a new one per call. */
  customerId?: string;
  /** Days until the order line expires; default 30 for PERIOD, 365 for packages, none otherwise. */
  validDays?: number;
  /** testFlag "1": a call from the seller console's debug tool (marked as test data). */
  testFlag?: "1";
  /** Order id prefix, so a spec's orders are easy to find in the call log. */
  orderPrefix?: string;
  /** 查询订单's orderType; "TRIAL" makes the instance a trial ending at the order's expiry. Default NEW. */
  orderType?: MockOrder["orderType"];
}

export interface Bought {
  orderId: string;
  orderLineId: string;
  instanceId: string;
  customerId: string;
  sku: string;
  /** The newInstance answer. */
  answer: { resultCode: string; resultMsg: string; instanceId?: string };
}

export function uniqueStamp(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`.toUpperCase();
}

/** Registers an order in the mock (short form of POST /__mock/orders); throws on a refusal. */
export async function registerMockOrder(
  request: APIRequestContext,
  order: { orderId: string; orderType?: MockOrder["orderType"]; chargingMode: ChargingMode; skuCode: string; validDays?: number; customerId?: string; lines?: number },
): Promise<MockOrder> {
  const res = await request.post(`${E2E_MOCK_URL}/__mock/orders`, { data: { orderType: "NEW", ...order } });
  const json = (await res.json()) as { order?: MockOrder; error?: string };
  expect(res.status(), `POST /__mock/orders: ${JSON.stringify(json)}`).toBe(200);
  return json.order!;
}

/** Registers the order in the mock, then delivers the signed newInstance; expects 000000. */
export async function buyInstance(request: APIRequestContext, opts: BuyOptions): Promise<Bought> {
  const terms = orderTermsForSku(opts.sku, CATALOG.plans);
  const orderId = `${opts.orderPrefix ?? "CSE2E"}${uniqueStamp()}`;
  const customerId = opts.customerId ?? `e2e-buyer-${uniqueStamp().toLowerCase()}`;
  const validDays = opts.validDays ?? terms.validDays;
  const order = await registerMockOrder(request, {
    orderId,
    chargingMode: terms.chargingMode,
    skuCode: opts.sku,
    customerId,
    ...(opts.orderType ? { orderType: opts.orderType } : {}),
    ...(validDays === undefined ? {} : { validDays }),
  });
  const orderLineId = order.orderLine[0]!.orderLineId;

  const body = {
    activity: "newInstance",
    orderId,
    orderLineId,
    businessId: randomBytes(16).toString("hex"),
    ...(opts.testFlag ? { testFlag: opts.testFlag } : {}),
  };
  const signed = signedBaseRequest({ baseUrl: `${E2E_BASE_URL}/api/marketplace`, accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY, body });
  const res = await request.post(signed.url, { headers: signed.headers, data: signed.body });
  expect(res.status()).toBe(200);
  const answer = (await res.json()) as Bought["answer"];
  expect(answer, `newInstance ${orderId} (${opts.sku}): ${JSON.stringify(answer)}`).toMatchObject({ resultCode: "000000" });
  return { orderId, orderLineId, instanceId: answer.instanceId!, customerId, sku: opts.sku, answer };
}

/**
 * A signed base-interface call as the marketplace sends it (updateInstanceStatus, releaseInstance,
 * refreshInstance …); expects 000000.
 */
export async function sendBaseCall(request: APIRequestContext, body: Record<string, string>): Promise<Bought["answer"]> {
  const signed = signedBaseRequest({ baseUrl: `${E2E_BASE_URL}/api/marketplace`, accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY, body });
  const res = await request.post(signed.url, { headers: signed.headers, data: signed.body });
  expect(res.status()).toBe(200);
  const answer = (await res.json()) as Bought["answer"];
  expect(answer, `${body.activity}: ${JSON.stringify(answer)}`).toMatchObject({ resultCode: "000000" });
  return answer;
}
