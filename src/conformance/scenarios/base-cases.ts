/**
 * The base-interface (基础接口) cases the seller console debugs for one billing mode: one debug
 * order per purchase kind, every lifecycle call on the instance it created. All carry testFlag "1"
 * and fixed parameters, as saved 调测用例 do; instance ids are variables filled from newInstance.
 */
import { formatCompactUtcSeconds } from "../../koogallery/time";
import type { ConformanceCase } from "../case-types";
import { MOCK_ORDERS, MODE_PROFILES, orderLineOf, type SaasMode } from "../modes";

const DAY = 86_400_000;
const DEBUG = { testFlag: "1" } as const;
export const MAIN = "${instance.main}";
export const TRIAL = "${instance.trial}";

export interface BaseCaseOptions {
  nowMs: number;
  /** Order the main newInstance is sent for (default: the mode's MOCK order). */
  newOrderId?: string;
  /** businessId of each newInstance (the docs: different on every request; fixed in a saved case). */
  businessId: (purpose: string) => string;
}

const order = (orderId: string) => ({ orderId, orderLineId: orderLineOf(orderId) });
const expiry = (nowMs: number, days: number) => formatCompactUtcSeconds(new Date(nowMs + days * DAY));
const ok = ["000000"] as ConformanceCase["expectCodes"];

export function baseCases(mode: SaasMode, opts: BaseCaseOptions): ConformanceCase[] {
  const p = MODE_PROFILES[mode];
  const id = (name: string) => `${mode}.${name}`;
  const cases: ConformanceCase[] = [];
  const add = (c: Omit<ConformanceCase, "channel" | "expectCodes">) => cases.push({ channel: "base", expectCodes: ok, ...c });

  add({
    id: id("newInstance"),
    title: `newInstance (新购, ${p.label})`,
    body: { activity: "newInstance", ...order(opts.newOrderId ?? p.newOrderId), businessId: opts.businessId("main"), ...DEBUG },
    captureInstanceId: "instance.main",
  });
  if (p.trial) {
    add({
      id: id("newInstance.trial"),
      title: "newInstance (试用 trial)",
      body: { activity: "newInstance", ...order(MOCK_ORDERS.trial), businessId: opts.businessId("trial"), ...DEBUG },
      captureInstanceId: "instance.trial",
    });
  }
  add({
    id: id("queryInstance"),
    title: `queryInstance${p.usageInfoRequired ? " (with usageInfo)" : ""}`,
    body: { activity: "queryInstance", instanceId: MAIN, ...DEBUG },
    requireUsageInfo: p.usageInfoRequired,
  });
  if (p.trial) {
    add({ id: id("queryInstance.two"), title: "queryInstance (two ids, comma-separated)", body: { activity: "queryInstance", instanceId: `${MAIN},${TRIAL}`, ...DEBUG } });
    add({
      id: id("refresh.trialToFormal"),
      title: "refreshInstance TRIAL_TO_FORMAL (试用转正)",
      body: { activity: "refreshInstance", scene: "TRIAL_TO_FORMAL", instanceId: TRIAL, ...order(MOCK_ORDERS.trialToFormal), expireTime: expiry(opts.nowMs, 30), ...DEBUG },
    });
  }
  if (p.refreshScenes.includes("RENEWAL")) {
    add({
      id: id("refresh.renewal"),
      title: "refreshInstance RENEWAL (续费)",
      body: { activity: "refreshInstance", scene: "RENEWAL", instanceId: MAIN, ...order(MOCK_ORDERS.renewal), expireTime: expiry(opts.nowMs, 395), ...DEBUG },
    });
  }
  if (p.refreshScenes.includes("UNSUBSCRIBE_RENEWAL_PERIOD")) {
    add({
      id: id("refresh.unsubscribeRenewal"),
      title: "refreshInstance UNSUBSCRIBE_RENEWAL_PERIOD (退续费)",
      body: { activity: "refreshInstance", scene: "UNSUBSCRIBE_RENEWAL_PERIOD", instanceId: MAIN, ...order(MOCK_ORDERS.unsubscribe), expireTime: expiry(opts.nowMs, 365), ...DEBUG },
    });
  }
  if (p.freeze) {
    add({ id: id("status.freeze"), title: "updateInstanceStatus FREEZE (冻结)", body: { activity: "updateInstanceStatus", instanceId: MAIN, status: "FREEZE", ...DEBUG } });
    add({ id: id("status.unfreeze"), title: "updateInstanceStatus UNFREEZE (解冻)", body: { activity: "updateInstanceStatus", instanceId: MAIN, status: "UNFREEZE", ...DEBUG } });
  }
  if (p.upgrade) {
    add({ id: id("upgrade"), title: "upgradeInstance (升级)", body: { activity: "upgradeInstance", instanceId: MAIN, ...order(MOCK_ORDERS.change), ...DEBUG } });
    add({
      id: id("changeInstanceCheck"),
      title: "changeInstanceCheck (续费变更校验)",
      body: { activity: "changeInstanceCheck", instanceId: MAIN, productInfo: { productId: "MOCKMONTYCHANGE-PRODUCT", skuCode: "MOCKMONTYCHANGE-SKU" }, ...DEBUG },
    });
  }
  add({
    id: id("release"),
    title: "releaseInstance (释放, unsubscribed)",
    body: { activity: "releaseInstance", instanceId: MAIN, ...order(MOCK_ORDERS.unsubscribe), ...DEBUG },
  });
  if (p.trial) add({ id: id("release.trial"), title: "releaseInstance (释放, trial expired)", body: { activity: "releaseInstance", instanceId: TRIAL, ...DEBUG } });
  return cases;
}
