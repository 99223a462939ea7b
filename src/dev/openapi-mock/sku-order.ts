/**
 * What an order registered in the mock needs for a SKU of a plan catalog — for the tools that buy
 * as the marketplace does (e2e/helpers/marketplace.ts buyInstance, `npm run simulate -- buy`): the
 * plan the SKU maps to, the order line's chargingMode, and a default validity.
 *
 * The caller passes the catalog's plans in (usually CATALOG.plans of src/server/billing/catalog.ts):
 * the mock plays the marketplace and depends on no billing code. The plan shape below is the part
 * of a catalog plan this reads; a billing mode added to the catalog fails to compile here until
 * it is given a chargingMode.
 */
import type { MockOrderLine } from "./orders";

export type SkuBillingMode = "PERIOD" | "ONE_TIME" | "ON_DEMAND" | "ON_DEMAND_PKG" | "STOP_WHEN_USED_UP_PKG";

export interface SkuPlan {
  billingMode: SkuBillingMode;
  match: ReadonlyArray<{ skuCode?: string }>;
}

/** 查询订单 has no chargingMode for 用完即停: such packages are sold as ON_DEMAND_PKG lines, the catalog decides. */
const CHARGING_MODE: Record<SkuBillingMode, MockOrderLine["chargingMode"]> = {
  PERIOD: "PERIOD",
  ONE_TIME: "ONE_TIME",
  ON_DEMAND: "ON_DEMAND",
  ON_DEMAND_PKG: "ON_DEMAND_PKG",
  STOP_WHEN_USED_UP_PKG: "ON_DEMAND_PKG",
};

/** Days until the order line expires: a month for PERIOD, a year for packages, none otherwise. */
const DEFAULT_VALID_DAYS: Record<SkuBillingMode, number | undefined> = {
  PERIOD: 30,
  ONE_TIME: undefined,
  ON_DEMAND: undefined,
  ON_DEMAND_PKG: 365,
  STOP_WHEN_USED_UP_PKG: 365,
};

export interface SkuOrderTerms {
  planId: string;
  billingMode: SkuBillingMode;
  chargingMode: MockOrderLine["chargingMode"];
  validDays: number | undefined;
}

/** The terms for a SKU of `plans` (match.skuCode); throws when no plan matches it. */
export function orderTermsForSku(sku: string, plans: Readonly<Record<string, SkuPlan>>): SkuOrderTerms {
  const found = Object.entries(plans).find(([, p]) => p.match.some((m) => m.skuCode === sku));
  if (!found) throw new Error(`SKU ${sku} matches no plan of the catalog`);
  const [planId, { billingMode }] = found;
  return { planId, billingMode, chargingMode: CHARGING_MODE[billingMode], validDays: DEFAULT_VALID_DAYS[billingMode] };
}
