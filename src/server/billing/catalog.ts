/**
 * THE PLAN CATALOG — the one file an ISV edits to describe what they sell on KooGallery.
 *
 * 1. List your meters (things counted per use), count quotas and features.
 * 2. For every SKU you list in the seller console, add a plan: billing mode, the productId/skuCode
 *    it matches (查询订单 returns them), features, quotas, meters or package contents.
 * 3. Pick the defaultPlan: used when 查询订单 is off (KOOGALLERY_QUERY_ORDER) or an order's SKU
 *    matches no plan (a warning is logged naming the SKU).
 *
 * The catalog is validated at load (catalog-types.ts); docs/billing.md explains each rule. The
 * plans below are the starter's demo product; the "mock-sku-*" SKUs are the ones the local
 * open-API mock (src/dev/openapi-mock/orders.ts) answers for the marketplace's MOCK… order ids.
 */
import { defineCatalog } from "./catalog-types";

export const CATALOG = defineCatalog({
  meters: {
    api_calls: { name: { zh: "API 调用", en: "API calls" }, unit: { zh: "次", en: "calls" }, unitOne: { zh: "次", en: "call" } },
    sms: { name: { zh: "短信", en: "SMS" }, unit: { zh: "条", en: "messages" }, unitOne: { zh: "条", en: "message" } },
    // The demo's second metered feature, one unit per data export (docs/extending.md).
    exports: { name: { zh: "数据导出", en: "Data exports" }, unit: { zh: "次", en: "exports" }, unitOne: { zh: "次", en: "export" } },
  },
  quotas: {
    seats: { zh: "成员数", en: "Seats" },
    projects: { zh: "项目数", en: "Projects" },
  },
  features: {
    workspace: { zh: "协作空间", en: "Workspace" },
    api: { zh: "开放 API", en: "API access" },
    export: { zh: "数据导出", en: "Data export" },
    sso: { zh: "单点登录", en: "Single sign-on" },
  },
  plans: {
    basic: {
      name: { zh: "基础版", en: "Basic" },
      billingMode: "PERIOD",
      product: "workspace",
      match: [{ skuCode: "mock-sku-basic-monthly" }],
      features: ["workspace", "api"],
      quotas: { seats: 5, projects: 10 },
      meters: { api_calls: { monthlyQuota: 10_000 }, sms: { monthlyQuota: 100 } },
      trial: { days: 7, quotas: { seats: 2 }, meters: { api_calls: { monthlyQuota: 1_000 } } },
    },
    pro: {
      name: { zh: "专业版", en: "Pro" },
      billingMode: "PERIOD",
      product: "workspace",
      match: [{ skuCode: "mock-sku-pro-yearly" }],
      features: ["workspace", "api", "export", "sso"],
      quotas: { seats: 50, projects: 200 },
      meters: { api_calls: { monthlyQuota: 1_000_000 }, sms: { monthlyQuota: 5_000 }, exports: { monthlyQuota: 1_000 } },
      trial: { days: 7, withoutFeatures: ["sso"], quotas: { seats: 5 }, meters: { api_calls: { monthlyQuota: 10_000 } } },
    },
    lifetime: {
      name: { zh: "买断版", en: "Lifetime" },
      billingMode: "ONE_TIME",
      product: "workspace",
      match: [{ skuCode: "mock-sku-lifetime" }],
      features: ["workspace", "export"],
      quotas: { seats: 10, projects: 20 },
      meters: { api_calls: { monthlyQuota: 5_000 }, exports: { monthlyQuota: 100 } },
    },
    payg: {
      name: { zh: "按需版", en: "Pay as you go" },
      billingMode: "ON_DEMAND",
      product: "workspace",
      match: [{ skuCode: "mock-sku-payg-api" }],
      features: ["workspace", "api", "export"],
      quotas: { seats: 20, projects: 50 },
      billedMeter: "api_calls",
    },
    payg_pack_10k: {
      name: { zh: "API 调用套餐包 1 万次", en: "API package, 10,000 calls" },
      billingMode: "ON_DEMAND_PKG",
      product: "workspace",
      match: [{ skuCode: "mock-sku-payg-api-pack-10k" }],
      features: ["workspace", "api", "export"],
      quotas: { seats: 20, projects: 50 },
      package: { api_calls: 10_000 },
    },
    // A 用完即停 listing is its own product: it has no on-demand fallback ("不具备套餐包转按需付费").
    stop_pack_1k: {
      name: { zh: "用完即停套餐包 1,000 次", en: "Prepaid 1,000 calls (stops when used up)" },
      billingMode: "STOP_WHEN_USED_UP_PKG",
      product: "workspace-prepaid",
      match: [{ skuCode: "mock-sku-stop-pack-1k" }],
      features: ["workspace", "api"],
      quotas: { seats: 5, projects: 10 },
      package: { api_calls: 1_000 },
    },
    // The on-demand instance of the 用完即停 product: the usage push's instance_id for its packages
    // (relate_pkg_instance = the package). It never bills beyond the packages (plan-view.ts).
    stop_ondemand: {
      name: { zh: "用完即停按需实例", en: "Prepaid calls: on-demand instance" },
      billingMode: "ON_DEMAND",
      product: "workspace-prepaid",
      match: [{ skuCode: "mock-sku-stop-ondemand" }],
      features: ["workspace", "api"],
      quotas: { seats: 5, projects: 10 },
      billedMeter: "api_calls",
    },
  },
  defaultPlan: "basic",
  quotaPeriodUtcOffsetMinutes: 480,
});
