/**
 * Orders the local open-API mock answers to 查询订单, in the shape the marketplace answers
 * (docs/billing.md §2): the marketplace serves MOCK… order ids for debugging (order line = id +
 * "-000001"), every one of them is here; their SKUs ("mock-sku-*") are the ones the starter catalog
 * (src/server/billing/catalog.ts) maps to plans. MOCKPERIODYEARNEW is the marketplace's real answer
 * (REAL_MOCKPERIODYEARNEW_ANSWER) with the dates moved to today and the starter's SKU. Tests and
 * tools add their own orders with MockOpenApi.addOrder() or POST /__mock/orders.
 */
import { formatCompactUtcSeconds } from "~/koogallery/time";

export interface MockProductInfo {
  productId: string;
  skuCode: string;
  linearValue?: number;
  productName?: string;
}

export interface NameValue {
  name: string;
  value: string | null;
}

export interface MockOrderLine {
  orderLineId: string;
  chargingMode: "PERIOD" | "ONE_TIME" | "ON_DEMAND" | "ON_DEMAND_PKG";
  periodType?: string;
  periodNumber?: number;
  expireTime?: string;
  productInfo: MockProductInfo[];
  extendParams?: NameValue[];
  /** Amounts are strings in the marketplace's answer; negative after discount for reverse orders. */
  currency?: string;
  currencyAfterDiscount?: string;
}

/** buyerInfo: any field may be null in the marketplace's answer. */
export interface MockBuyerInfo {
  mobilePhone?: string | null;
  email?: string | null;
  customerId: string;
  customerName?: string | null;
  customerRealName?: string | null;
  customerType?: number | null;
  userId?: string | null;
  userName?: string | null;
}

export interface MockOrder {
  orderId: string;
  orderType: "NEW" | "TRIAL" | "TRIAL_TO_FORMAL" | "UNSUBSCRIBE" | "RENEW" | "CHANGE";
  createTime: string;
  orderLine: MockOrderLine[];
  buyerInfo?: MockBuyerInfo;
  extendParams?: NameValue[];
}

export const MOCK_CUSTOMER_ID = "mock-customer-0001";
const PRODUCT_ID = "OFFI-MOCK-WORKSPACE";
const DAY = 86_400_000;

/**
 * The marketplace's own answer to 查询订单 for MOCKPERIODYEARNEW (Nov 2024), as documented; the
 * skuCode and customerId were abridged in the source. Parsed as-is by the tests.
 */
export const REAL_MOCKPERIODYEARNEW_ANSWER = {
  resultCode: "MKT.0000",
  resultMsg: "Success",
  orderInfo: {
    orderId: "MOCKPERIODYEARNEW",
    orderType: "NEW",
    createTime: "20241121090846",
    orderLine: [
      {
        orderLineId: "MOCKPERIODYEARNEW-000001",
        chargingMode: "PERIOD",
        periodType: "year",
        periodNumber: 1,
        expireTime: "20251121235959",
        productInfo: [{ productId: "OFFI846204237451911168", skuCode: "0a4d1578-…", linearValue: 50, productName: "MOCK测试商品,测试规格,基础版,包周期" }],
        extendParams: [{ name: "emailDomainName", value: "test.xxxx.com" }],
        currency: "100",
        currencyAfterDiscount: "100",
      },
    ],
    buyerInfo: {
      mobilePhone: "18688888888",
      email: null,
      customerId: "…",
      customerName: "mock_user_01",
      customerRealName: "测试用户1",
      customerType: 0,
      userId: null,
      userName: null,
    },
    extendParams: [],
  },
} as const;

const PERIOD = { periodType: "month", periodNumber: 1 } as const;

export interface MockOrderOptions {
  validDays?: number;
  customerId?: string;
  productId?: string;
  lines?: number;
  /** productInfo.linearValue (e.g. users bought); default 1. */
  linearValue?: number;
  /** Amount paid, as the answer's strings (default "0"). */
  currency?: string;
  period?: { periodType: string; periodNumber: number };
}

/** An order as the marketplace describes it (times relative to nowMs). */
export function mockOrder(
  orderId: string,
  orderType: MockOrder["orderType"],
  chargingMode: MockOrderLine["chargingMode"],
  skuCode: string,
  nowMs: number,
  opts: MockOrderOptions = {},
): MockOrder {
  const expireTime = opts.validDays === undefined ? undefined : formatCompactUtcSeconds(new Date(nowMs + opts.validDays * DAY));
  const lineCount = opts.lines ?? 1;
  const period = chargingMode === "PERIOD" ? (opts.period ?? PERIOD) : undefined;
  return {
    orderId,
    orderType,
    createTime: formatCompactUtcSeconds(new Date(nowMs)),
    orderLine: Array.from({ length: lineCount }, (_, i) => ({
      orderLineId: `${orderId}-${String(i + 1).padStart(6, "0")}`,
      chargingMode,
      ...(period ?? {}),
      ...(expireTime ? { expireTime } : {}),
      productInfo: [{ productId: opts.productId ?? PRODUCT_ID, skuCode, linearValue: opts.linearValue ?? 1, productName: `Mock ${skuCode}` }],
      extendParams: [],
      currency: opts.currency ?? "0",
      currencyAfterDiscount: opts.currency ?? "0",
    })),
    buyerInfo: {
      mobilePhone: null,
      email: null,
      customerId: opts.customerId ?? MOCK_CUSTOMER_ID,
      customerName: "mock_buyer",
      customerRealName: null,
      customerType: 0,
      userId: null,
      userName: null,
    },
    extendParams: [],
  };
}

/** MOCKPERIODYEARNEW as the marketplace answers it, today: a year from now, at 23:59:59 UTC. */
export function realMockPeriodYearNew(nowMs: number, skuCode = "mock-sku-pro-yearly"): MockOrder {
  const real = REAL_MOCKPERIODYEARNEW_ANSWER.orderInfo;
  const line = real.orderLine[0];
  const end = new Date(nowMs + 365 * DAY);
  end.setUTCHours(23, 59, 59, 0);
  return {
    ...real,
    orderType: "NEW",
    createTime: formatCompactUtcSeconds(new Date(nowMs)),
    orderLine: [
      {
        ...line,
        chargingMode: "PERIOD",
        expireTime: formatCompactUtcSeconds(end),
        productInfo: [{ ...line.productInfo[0], skuCode }],
        extendParams: [...line.extendParams],
      },
    ],
    buyerInfo: { ...real.buyerInfo, customerId: MOCK_CUSTOMER_ID },
    extendParams: [],
  };
}

/** Every MOCK… order id the marketplace answers without a purchase. */
export function marketplaceMockOrders(nowMs: number): MockOrder[] {
  return [
    realMockPeriodYearNew(nowMs),
    mockOrder("MOCKONETIMENEW", "NEW", "ONE_TIME", "mock-sku-lifetime", nowMs),
    mockOrder("MOCKONDEMAND", "NEW", "ON_DEMAND", "mock-sku-payg-api", nowMs),
    mockOrder("MOCKONDEMANDPKG", "NEW", "ON_DEMAND_PKG", "mock-sku-payg-api-pack-10k", nowMs, { validDays: 365 }),
    mockOrder("MOCKPERIODDAYTRIAL", "TRIAL", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 7, period: { periodType: "day", periodNumber: 7 } }),
    mockOrder("MOCKMONTYTRIALTOFORMAL", "TRIAL_TO_FORMAL", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 30 }),
    mockOrder("MOCKMONTYUNSUBSCRIBE", "UNSUBSCRIBE", "PERIOD", "mock-sku-pro-yearly", nowMs, { currency: "-100" }),
    mockOrder("MOCKMONTYRENEW", "RENEW", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 30 }),
    mockOrder("MOCKMONTYCHANGE", "CHANGE", "PERIOD", "mock-sku-pro-yearly", nowMs, { validDays: 30 }),
  ];
}

/** The documented MOCK… ids (each with order line id + "-000001"). */
export const MARKETPLACE_MOCK_ORDER_IDS = [
  "MOCKPERIODYEARNEW",
  "MOCKONETIMENEW",
  "MOCKONDEMAND",
  "MOCKONDEMANDPKG",
  "MOCKPERIODDAYTRIAL",
  "MOCKMONTYTRIALTOFORMAL",
  "MOCKMONTYUNSUBSCRIBE",
  "MOCKMONTYRENEW",
  "MOCKMONTYCHANGE",
] as const;
