/**
 * What an account may do, derived from the catalog and its live instances: the effective plan of
 * each instance (trial limits applied while the trial runs), the union of features, the largest
 * count quotas, and for each meter the rule consume() applies. Pure functions, no database.
 */
import type { AccountMember } from "./account";
import { PACKAGE_MODES, type BillingMode, type Catalog, type PlanDef, type PlanMeter } from "./catalog-types";

export interface EffectivePlan {
  planId: string;
  plan: PlanDef;
  inTrial: boolean;
  features: string[];
  quotas: Record<string, number>;
  meters: Record<string, PlanMeter>;
}

/** An instance whose plan left the catalog is treated as the default plan (and logged once per call site). */
export function planOf(catalog: Catalog, m: Pick<AccountMember, "planId">): { planId: string; plan: PlanDef } {
  const planId = m.planId && catalog.plans[m.planId] ? m.planId : catalog.defaultPlan;
  return { planId, plan: catalog.plans[planId]! };
}

/** The count quota an order's linearValue sets (plans with `linearQuota`), rounded down. */
export function linearQuotaOf(plan: PlanDef, m: Pick<AccountMember, "linearValue">): Record<string, number> {
  const v = m.linearValue;
  if (!plan.linearQuota || v === null || v === undefined || !Number.isFinite(v) || v < 0) return {};
  return { [plan.linearQuota]: Math.floor(v) };
}

export function effectivePlan(catalog: Catalog, m: AccountMember, nowMs: number): EffectivePlan {
  const { planId, plan } = planOf(catalog, m);
  const inTrial = !!m.trialEndsAt && m.trialEndsAt.getTime() > nowMs && !!plan.trial;
  const t = inTrial ? plan.trial : undefined;
  const without = new Set(t?.withoutFeatures ?? []);
  return {
    planId,
    plan,
    inTrial,
    features: plan.features.filter((f) => !without.has(f)),
    // Plan, then what the order bought (linearValue), then the trial's limits.
    quotas: { ...plan.quotas, ...linearQuotaOf(plan, m), ...(t?.quotas ?? {}) },
    meters: { ...(plan.meters ?? {}), ...(t?.meters ?? {}) },
  };
}

export function unionFeatures(plans: EffectivePlan[]): string[] {
  return [...new Set(plans.flatMap((p) => p.features))];
}

/** With several live instances (on-demand + packages) the most generous count quota applies. */
export function largestQuotas(plans: EffectivePlan[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of plans) for (const [k, v] of Object.entries(p.quotas)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

/** Start and end (UTC instants) of the quota month containing nowMs, in the catalog's offset. */
export function quotaPeriod(catalog: Catalog, nowMs: number): { start: Date; end: Date; label: string } {
  const offsetMs = catalog.quotaPeriodUtcOffsetMinutes * 60_000;
  const local = new Date(nowMs + offsetMs);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth();
  const start = new Date(Date.UTC(y, mo, 1) - offsetMs);
  const end = new Date(Date.UTC(y, mo + 1, 1) - offsetMs);
  return { start, end, label: `${y}-${String(mo + 1).padStart(2, "0")}` };
}

export type MeterRule =
  /** A plan's monthly quota: draw the allowance (and any packages); refuse with QUOTA_EXCEEDED. */
  | { kind: "allowance"; sourceInstanceId: string; quota: number; grantKey: string; validFrom: Date; validUntil: Date }
  /**
   * Draw packages; what they cannot cover goes to `overflowTo` (the on-demand instance billed for
   * it) or, when null, the whole debit is refused with PACKAGE_EXHAUSTED.
   * packageBilledTo: which instance the package-drawn usage is pushed for — "self" (the package
   * instance, 用完即停), an instance id, or null (not pushed).
   */
  | { kind: "packages"; overflowTo: string | null; packageBilledTo: "self" | string | null }
  /** In the plan without a limit: recorded in the ledger, never refused, never pushed. */
  | { kind: "unmetered" };

export interface LivePlan {
  member: AccountMember;
  eff: EffectivePlan;
}

const hasMode = (lp: LivePlan, ...modes: BillingMode[]) => modes.includes(lp.eff.plan.billingMode);

/**
 * Does the catalog sell the meter in 用完即停 packages of this product? Then the product has no
 * on-demand fallback for it ("不具备套餐包转按需付费"): an ON_DEMAND plan billing the meter there
 * only carries the packages' usage push (instance_id), it never bills beyond them.
 */
export function isStopWhenUsedUpMeter(catalog: Catalog, product: string, meter: string): boolean {
  return Object.values(catalog.plans).some((p) => p.product === product && p.billingMode === "STOP_WHEN_USED_UP_PKG" && p.package?.[meter] !== undefined);
}

/**
 * The rule for one meter. Precedence: an on-demand instance billing the meter (packages drawn
 * first, the rest billed) → a plan's monthly allowance → packages alone (用完即停, or 按需套餐包
 * without a live on-demand instance: nothing can bill the rest) → the on-demand instance of a
 * 用完即停 product without a package (nothing to draw: PACKAGE_EXHAUSTED) → listed without a limit.
 * Undefined: the meter is not in any live plan.
 */
export function meterRule(
  catalog: Catalog,
  accountKey: string,
  live: LivePlan[],
  meter: string,
  nowMs: number,
  packageUsage: "overflow" | "all",
): MeterRule | undefined {
  const billing = live.filter((lp) => hasMode(lp, "ON_DEMAND") && lp.eff.plan.billedMeter === meter);
  const onDemand = billing.find((lp) => !isStopWhenUsedUpMeter(catalog, lp.eff.plan.product, meter));
  if (onDemand) {
    return { kind: "packages", overflowTo: onDemand.member.id, packageBilledTo: packageUsage === "all" ? onDemand.member.id : null };
  }
  const allowance = live.find((lp) => hasMode(lp, "PERIOD", "ONE_TIME") && lp.eff.meters[meter]?.monthlyQuota !== undefined);
  if (allowance) {
    const period = quotaPeriod(catalog, nowMs);
    return {
      kind: "allowance",
      sourceInstanceId: allowance.member.id,
      quota: allowance.eff.meters[meter]!.monthlyQuota!,
      grantKey: `allowance:${accountKey}:${meter}:${period.label}`,
      validFrom: period.start,
      validUntil: period.end,
    };
  }
  const packages = live.filter((lp) => PACKAGE_MODES.has(lp.eff.plan.billingMode) && lp.eff.plan.package?.[meter] !== undefined);
  if (packages.length > 0) {
    const stop = packages.some((lp) => hasMode(lp, "STOP_WHEN_USED_UP_PKG"));
    return { kind: "packages", overflowTo: null, packageBilledTo: stop ? "self" : null };
  }
  if (billing.length > 0) return { kind: "packages", overflowTo: null, packageBilledTo: "self" };
  if (live.some((lp) => meter in lp.eff.meters)) return { kind: "unmetered" };
  return undefined;
}
