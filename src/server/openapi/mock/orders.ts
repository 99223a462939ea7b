/**
 * Orders the local open-API mock answers to 查询订单. The marketplace serves the same MOCK… ids for
 * debugging (billing-and-open-api.md, "Mock orders for debugging"; order line = id + "-000001");
 * their SKUs here ("mock-sku-*") are the ones the starter catalog (src/server/billing/catalog.ts)
 * maps to plans. Tests add their own orders with MockOpenApi.addOrder().
 */
import { formatCompactUtcSeconds } from "~/koogallery/time";

export interface MockOrderLine {
  orderLineId: string;
  chargingMode: "PERIOD" | "ONE_TIME" | "ON_DEMAND" | "ON_DEMAND_PKG";
  expireTime?: string;
  periodType?: string;
  periodNumber?: number;
  productInfo: Array<{ productId: string; skuCode: string; linearValue?: number }>;
}

export interface MockOrder {
  orderId: string;
  orderType: "NEW" | "TRIAL" | "TRIAL_TO_FORMAL" | "UNSUBSCRIBE" | "RENEW" | "CHANGE";
  createTime: string;
  orderLine: MockOrderLine[];
  buyerInfo?: { customerId: string; customerName?: string };
}

export const MOCK_CUSTOMER_ID = "mock-customer-0001";
const PRODUCT_ID = "OFFI-MOCK-WORKSPACE";
const DAY = 86_400_000;

/** One-line order as the marketplace describes it (times relative to nowMs). */
export function mockOrder(
  orderId: string,
  orderType: MockOrder["orderType"],
  chargingMode: MockOrderLine["chargingMode"],
  skuCode: string,
  nowMs: number,
  opts: { validDays?: number; customerId?: string; productId?: string; lines?: number } = {},
): MockOrder {
  const expireTime = opts.validDays === undefined ? undefined : formatCompactUtcSeconds(new Date(nowMs + opts.validDays * DAY));
  const lineCount = opts.lines ?? 1;
  return {
    orderId,
    orderType,
    createTime: formatCompactUtcSeconds(new Date(nowMs)),
    orderLine: Array.from({ length: lineCount }, (_, i) => ({
      orderLineId: `${orderId}-${String(i + 1).padStart(6, "0")}`,
      chargingMode,
      ...(expireTime ? { expireTime } : {}),
      productInfo: [{ productId: opts.productId ?? PRODUCT_ID, skuCode, linearValue: 1 }],
    })),
    buyerInfo: { customerId: opts.customerId ?? MOCK_CUSTOMER_ID, customerName: "Mock Buyer" },
  };
}

export function marketplaceMockOrders(nowMs: number): MockOrder[] {
  return [
    mockOrder("MOCKPERIODYEARNEW", "NEW", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 365 }),
    mockOrder("MOCKONETIMENEW", "NEW", "ONE_TIME", "mock-sku-lifetime", nowMs),
    mockOrder("MOCKONDEMAND", "NEW", "ON_DEMAND", "mock-sku-payg-api", nowMs),
    mockOrder("MOCKONDEMANDPKG", "NEW", "ON_DEMAND_PKG", "mock-sku-payg-api-pack-10k", nowMs, { validDays: 365 }),
    mockOrder("MOCKPERIODDAYTRIAL", "TRIAL", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 7 }),
    mockOrder("MOCKMONTYTRIALTOFORMAL", "TRIAL_TO_FORMAL", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 30 }),
    mockOrder("MOCKMONTYUNSUBSCRIBE", "UNSUBSCRIBE", "PERIOD", "mock-sku-pro-yearly", nowMs),
    mockOrder("MOCKMONTYRENEW", "RENEW", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 30 }),
    mockOrder("MOCKMONTYCHANGE", "CHANGE", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 30 }),
  ];
}
