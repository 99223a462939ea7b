/**
 * What an order registered in the mock needs for a SKU of the starter catalog — for the tools
 * that buy as the marketplace does (e2e/helpers/marketplace.ts buyInstance, `npm run simulate --
 * buy`): the plan the SKU maps to, the order line's chargingMode, and a default validity.
 */
import { CATALOG } from "~/server/billing/catalog";
import type { BillingMode } from "~/server/billing/catalog-types";
import type { MockOrderLine } from "./orders";

/** 查询订单 has no chargingMode for 用完即停: such packages are sold as ON_DEMAND_PKG lines, the catalog decides. */
const CHARGING_MODE: Record<BillingMode, MockOrderLine["chargingMode"]> = {
  PERIOD: "PERIOD",
  ONE_TIME: "ONE_TIME",
  ON_DEMAND: "ON_DEMAND",
  ON_DEMAND_PKG: "ON_DEMAND_PKG",
  STOP_WHEN_USED_UP_PKG: "ON_DEMAND_PKG",
};

/** Days until the order line expires: a month for PERIOD, a year for packages, none otherwise. */
const DEFAULT_VALID_DAYS: Record<BillingMode, number | undefined> = {
  PERIOD: 30,
  ONE_TIME: undefined,
  ON_DEMAND: undefined,
  ON_DEMAND_PKG: 365,
  STOP_WHEN_USED_UP_PKG: 365,
};

export interface SkuOrderTerms {
  planId: string;
  billingMode: BillingMode;
  chargingMode: MockOrderLine["chargingMode"];
  validDays: number | undefined;
}

/** The terms for a catalog SKU (match.skuCode); throws when no plan matches it. */
export function orderTermsForSku(sku: string): SkuOrderTerms {
  const found = Object.entries(CATALOG.plans).find(([, p]) => p.match.some((m) => m.skuCode === sku));
  if (!found) throw new Error(`SKU ${sku} matches no plan in src/server/billing/catalog.ts`);
  const [planId, { billingMode }] = found;
  return { planId, billingMode, chargingMode: CHARGING_MODE[billingMode], validDays: DEFAULT_VALID_DAYS[billingMode] };
}
