/**
 * The shape of the plan catalog (catalog.ts) and its validation. defineCatalog() checks the
 * catalog when the module loads, so a typo (a plan naming an unknown meter, two plans claiming
 * the same SKU) stops the app at boot instead of mis-billing a buyer.
 *
 * Billing modes (docs/billing.md, docs/protocol/open-api.md):
 *   PERIOD                 包周期   — paid up front for a period; meters may carry a monthly quota
 *   ONE_TIME               按次     — paid once; same rules as PERIOD without renewals
 *   ON_DEMAND              按需     — usage of `billedMeter` is pushed hourly and billed by the marketplace
 *   ON_DEMAND_PKG          按需套餐包 — prepaid `package`, drawn first; the rest is billed on demand
 *   STOP_WHEN_USED_UP_PKG  用完即停套餐包 — prepaid `package`; at zero the meter stops
 */

export type BillingMode = "PERIOD" | "ONE_TIME" | "ON_DEMAND" | "ON_DEMAND_PKG" | "STOP_WHEN_USED_UP_PKG";

export const PACKAGE_MODES: ReadonlySet<BillingMode> = new Set(["ON_DEMAND_PKG", "STOP_WHEN_USED_UP_PKG"]);
/** Modes whose instances of one buyer share an account (packages pool with the on-demand instance). */
export const USAGE_MODES: ReadonlySet<BillingMode> = new Set(["ON_DEMAND", "ON_DEMAND_PKG", "STOP_WHEN_USED_UP_PKG"]);

/** zh + en text, so the tenant UI can show the user's language. */
export interface Text {
  zh: string;
  en: string;
}

export interface MeterDef {
  name: Text;
  /** The unit after a number other than one ("calls"). */
  unit: Text;
  /** The unit after exactly one ("call"), where the language has a singular; defaults to `unit`. */
  unitOne?: Text;
}

export interface PlanMeter {
  /** Usage allowed per quota period (calendar month); beyond it consume() refuses with QUOTA_EXCEEDED. Omit = unlimited. */
  monthlyQuota?: number;
}

/** Which marketplace order lines map to a plan: productId and/or skuCode (both must match when both are given). */
export interface PlanMatch {
  productId?: string;
  skuCode?: string;
}

export interface TrialLimits {
  /** Trial length when the order has no expiry. */
  days: number;
  /** Features not available during the trial. */
  withoutFeatures?: string[];
  /** Count quotas replacing the plan's during the trial. */
  quotas?: Record<string, number>;
  /** Monthly meter quotas replacing the plan's during the trial. */
  meters?: Record<string, PlanMeter>;
}

export interface PlanDef {
  name: Text;
  billingMode: BillingMode;
  /** Groups plans of one product: a buyer's usage-mode instances of the same product share an account. */
  product: string;
  match: PlanMatch[];
  features: string[];
  /** Count quotas (seats, projects …) enforced by quotaProcedure (src/server/api/trpc.ts). */
  quotas: Record<string, number>;
  /**
   * A count quota set by the order: 查询订单's productInfo.linearValue (e.g. the number of users
   * bought), rounded down, replaces `quotas[linearQuota]` for the instance (that value stays the
   * fallback when an order carries no linearValue).
   */
  linearQuota?: string;
  /** Meters this plan may consume, with optional monthly quotas (PERIOD, ONE_TIME). */
  meters?: Record<string, PlanMeter>;
  /** ON_DEMAND: the one meter whose usage is pushed for this instance (one on-demand instance = one billing item). */
  billedMeter?: string;
  /** Package modes: amount of each meter one package holds. */
  package?: Record<string, number>;
  trial?: TrialLimits;
}

export interface Catalog {
  meters: Record<string, MeterDef>;
  /** Count quotas' display names. */
  quotas: Record<string, Text>;
  features: Record<string, Text>;
  plans: Record<string, PlanDef>;
  /** Plan for instances whose order is unknown (查询订单 off) or matches no plan. */
  defaultPlan: string;
  /** Quota months start at 00:00 in this offset from UTC (480 = Beijing time). */
  quotaPeriodUtcOffsetMinutes: number;
}

export class CatalogError extends Error {
  constructor(problems: string[]) {
    super(`Invalid billing catalog:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "CatalogError";
  }
}

const positive = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;

export function validateCatalog(c: Catalog): string[] {
  const problems: string[] = [];
  const claimed = new Map<string, string>();
  if (!c.plans[c.defaultPlan]) problems.push(`defaultPlan "${c.defaultPlan}" is not a plan`);
  for (const [id, p] of Object.entries(c.plans)) {
    if (id.length > 64) problems.push(`plan id "${id}" is longer than 64 characters`);
    for (const f of [...p.features, ...(p.trial?.withoutFeatures ?? [])]) {
      if (!c.features[f]) problems.push(`plan ${id}: unknown feature "${f}"`);
    }
    for (const [q, n] of Object.entries({ ...p.quotas, ...(p.trial?.quotas ?? {}) })) {
      if (!c.quotas[q]) problems.push(`plan ${id}: unknown quota "${q}"`);
      if (!Number.isInteger(n) || n < 0) problems.push(`plan ${id}: quota ${q} must be a whole number ≥ 0`);
    }
    for (const [m, pm] of Object.entries({ ...(p.meters ?? {}), ...(p.trial?.meters ?? {}) })) {
      if (!c.meters[m]) problems.push(`plan ${id}: unknown meter "${m}"`);
      if (pm.monthlyQuota !== undefined && !(pm.monthlyQuota >= 0)) problems.push(`plan ${id}: meter ${m} monthlyQuota must be ≥ 0`);
    }
    if (p.linearQuota !== undefined && !c.quotas[p.linearQuota]) problems.push(`plan ${id}: linearQuota names unknown quota "${p.linearQuota}"`);
    if (p.billingMode === "ON_DEMAND") {
      if (!p.billedMeter || !c.meters[p.billedMeter]) problems.push(`plan ${id}: ON_DEMAND needs billedMeter naming a meter`);
    } else if (p.billedMeter) {
      problems.push(`plan ${id}: billedMeter is only for ON_DEMAND plans`);
    }
    if (PACKAGE_MODES.has(p.billingMode)) {
      const entries = Object.entries(p.package ?? {});
      if (entries.length === 0) problems.push(`plan ${id}: ${p.billingMode} needs a package`);
      for (const [m, n] of entries) {
        if (!c.meters[m]) problems.push(`plan ${id}: package names unknown meter "${m}"`);
        if (!positive(n)) problems.push(`plan ${id}: package ${m} must be > 0`);
      }
    } else if (p.package) {
      problems.push(`plan ${id}: package is only for package billing modes`);
    }
    if (p.trial && !(Number.isInteger(p.trial.days) && p.trial.days > 0)) problems.push(`plan ${id}: trial.days must be a whole number > 0`);
    for (const m of p.match) {
      if (!m.productId && !m.skuCode) problems.push(`plan ${id}: a match needs productId or skuCode`);
      const key = `${m.productId ?? "*"}|${m.skuCode ?? "*"}`;
      const other = claimed.get(key);
      if (other) problems.push(`plans ${other} and ${id} both match ${key}`);
      claimed.set(key, id);
    }
  }
  if (!Number.isInteger(c.quotaPeriodUtcOffsetMinutes) || Math.abs(c.quotaPeriodUtcOffsetMinutes) > 14 * 60) {
    problems.push("quotaPeriodUtcOffsetMinutes must be a whole number of minutes within ±14 h");
  }
  return problems;
}

/** Validates and freezes a catalog; throws CatalogError listing every problem. */
export function defineCatalog<C extends Catalog>(c: C): C {
  const problems = validateCatalog(c);
  if (problems.length) throw new CatalogError(problems);
  return Object.freeze(c);
}

/**
 * The plan an order line buys: exact productId+skuCode first, then skuCode, then productId alone
 * (a SKU is more specific than a product). Undefined when nothing matches.
 */
export function findPlanForOrder(c: Catalog, line: { productId?: string | null; skuCode?: string | null }): string | undefined {
  const entries = Object.entries(c.plans);
  const pick = (ok: (m: PlanMatch) => boolean) => entries.find(([, p]) => p.match.some(ok))?.[0];
  const { productId, skuCode } = line;
  return (
    (productId && skuCode ? pick((m) => m.productId === productId && m.skuCode === skuCode) : undefined) ??
    (skuCode ? pick((m) => m.skuCode === skuCode && !m.productId) : undefined) ??
    (productId ? pick((m) => m.productId === productId && !m.skuCode) : undefined)
  );
}
