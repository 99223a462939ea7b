/**
 * The billing modes the conformance runner knows, and what the seller console's debug tool
 * (应用接入调试) asks of each before a product can be listed (README "Conformance runner").
 *
 * newInstance orders default to the marketplace's MOCK… order ids, which 查询订单 answers without
 * a real purchase (the app's open-API mock serves the same ids), so a deployment with 查询订单 on
 * provisions the right kind of instance for each mode.
 */

export const MODES = ["period", "onetime", "ondemand", "ondemand-pkg", "stop-pkg", "license"] as const;
export type Mode = (typeof MODES)[number];
export type SaasMode = Exclude<Mode, "license">;

export function isMode(value: string): value is Mode {
  return (MODES as readonly string[]).includes(value);
}

export interface ModeProfile {
  label: string;
  /** The order newInstance is sent for (order line = id + "-000001"). */
  newOrderId: string;
  /** A trial purchase and its conversion (试用, 试用转正). */
  trial: boolean;
  /** refreshInstance scenes the console debugs for this mode. */
  refreshScenes: readonly ("RENEWAL" | "UNSUBSCRIBE_RENEWAL_PERIOD")[];
  /** updateInstanceStatus FREEZE / UNFREEZE. */
  freeze: boolean;
  /** upgradeInstance and changeInstanceCheck (optional in the docs; debugged when offered). */
  upgrade: boolean;
  /** queryInstance must carry usageInfo for the instance (on-demand and on-demand packages). */
  usageInfoRequired: boolean;
}

/**
 * From the docs' interface table per charging mode (包周期: all; 按次: new, query, release; 按需:
 * new, query with usage, refresh, status, release) and the package rules (按需套餐包: query returns
 * the package usage; 用完即停: create, query, update, release — no status change).
 */
export const MODE_PROFILES: Record<SaasMode, ModeProfile> = {
  period: {
    label: "包周期 (yearly/monthly)",
    newOrderId: "MOCKPERIODYEARNEW",
    trial: true,
    refreshScenes: ["RENEWAL", "UNSUBSCRIBE_RENEWAL_PERIOD"],
    freeze: true,
    upgrade: true,
    usageInfoRequired: false,
  },
  onetime: { label: "按次 (one-time)", newOrderId: "MOCKONETIMENEW", trial: false, refreshScenes: [], freeze: false, upgrade: false, usageInfoRequired: false },
  ondemand: { label: "按需 (on-demand)", newOrderId: "MOCKONDEMAND", trial: false, refreshScenes: ["RENEWAL"], freeze: true, upgrade: false, usageInfoRequired: true },
  "ondemand-pkg": {
    label: "按需套餐包 (on-demand package)",
    newOrderId: "MOCKONDEMANDPKG",
    trial: false,
    refreshScenes: [],
    freeze: false,
    upgrade: false,
    usageInfoRequired: true,
  },
  "stop-pkg": {
    label: "用完即停套餐包 (stop-when-used-up package)",
    // The marketplace has no MOCK order of its own for 用完即停 (they are sold as package lines).
    newOrderId: "MOCKONDEMANDPKG",
    trial: false,
    refreshScenes: ["RENEWAL"],
    freeze: false,
    upgrade: false,
    usageInfoRequired: false,
  },
};

/** The marketplace's MOCK orders for the other lifecycle scenarios. */
export const MOCK_ORDERS = {
  trial: "MOCKPERIODDAYTRIAL",
  trialToFormal: "MOCKMONTYTRIALTOFORMAL",
  renewal: "MOCKMONTYRENEW",
  unsubscribe: "MOCKMONTYUNSUBSCRIBE",
  change: "MOCKMONTYCHANGE",
} as const;

export const orderLineOf = (orderId: string) => `${orderId}-000001`;
