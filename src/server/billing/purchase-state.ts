/**
 * How a customer's purchase stands right now, as the tenant home page tells it: one status for
 * the subscription badge, and the notices (page banners, each with a renew / buy link) that say
 * why the product stopped or is about to. Pure: from the usage summary and the clock, so every
 * state is a table row in tests/unit/billing/purchase-state.test.ts.
 *
 * The server enforces nothing here: consume() and the procedure builders refuse on their own.
 * This only names, in advance, what they would refuse.
 */
import type { UsageSummary } from "./usage-summary";

/** A meter whose prepaid balance is below this share of what was bought is "running low". */
export const LOW_BALANCE_RATIO = 0.1;
/** A trial ending within this many days gets a "buy now" banner. */
export const TRIAL_ENDING_NOTICE_DAYS = 3;

const DAY_MS = 86_400_000;

/** Why the account may not be used (entitlements' refusal) → the state the page names. */
const STOPPED = {
  INSTANCE_FROZEN: "frozen",
  INSTANCE_EXPIRED: "expired",
  TRIAL_EXPIRED: "trialEnded",
  INSTANCE_RELEASED: "released",
} as const;

export type StoppedKind = (typeof STOPPED)[keyof typeof STOPPED];

export type PurchaseNotice =
  /** The whole product stops: renew (frozen, expired) or buy (trial ended, released). */
  | { kind: StoppedKind; since: Date | null }
  /** A package meter with nothing left and nothing to bill the rest to: calls are refused. */
  | { kind: "usedUp"; meter: string; quota: number }
  /** This month's allowance is spent: calls are refused until `resetsAt`. */
  | { kind: "allowanceUsedUp"; meter: string; quota: number; resetsAt: Date }
  /** Less than LOW_BALANCE_RATIO of the prepaid balance is left. */
  | { kind: "runningLow"; meter: string; remaining: number; quota: number; source: "packages" | "allowance"; resetsAt: Date | null }
  /** The trial ends within TRIAL_ENDING_NOTICE_DAYS. */
  | { kind: "trialEnding"; endsAt: Date };

export type PurchaseStatus = "active" | "trial" | PurchaseNotice["kind"];

export interface PurchaseState {
  /** The badge: the most pressing notice, else "trial" or "active". */
  status: PurchaseStatus;
  /** Most pressing first: what stops everything, what stops a meter, then warnings. */
  notices: PurchaseNotice[];
}

export type PurchaseInput = Pick<UsageSummary, "refusal" | "expireAt" | "trialEndsAt" | "period"> & {
  plan: Pick<UsageSummary["plan"], "inTrial">;
  meters: Array<Pick<UsageSummary["meters"][number], "meter" | "rule" | "remaining" | "grants">>;
};

export interface PurchaseOptions {
  lowBalanceRatio?: number;
  trialEndingNoticeDays?: number;
}

export function isStoppedKind(kind: PurchaseStatus): kind is StoppedKind {
  return (Object.values(STOPPED) as string[]).includes(kind);
}

export function purchaseState(s: PurchaseInput, nowMs: number, opts: PurchaseOptions = {}): PurchaseState {
  const lowRatio = opts.lowBalanceRatio ?? LOW_BALANCE_RATIO;
  const trialWindowMs = (opts.trialEndingNoticeDays ?? TRIAL_ENDING_NOTICE_DAYS) * DAY_MS;

  if (s.refusal) {
    // Codes other than the four account states (none today) read as frozen: "renew to continue".
    const kind: StoppedKind = STOPPED[s.refusal as keyof typeof STOPPED] ?? "frozen";
    const since = kind === "expired" ? s.expireAt : kind === "trialEnded" ? s.trialEndsAt : null;
    return { status: kind, notices: [{ kind, since }] };
  }

  const stops: PurchaseNotice[] = [];
  const warnings: PurchaseNotice[] = [];
  for (const m of s.meters) {
    // Only prepaid limits that refuse at zero: on-demand meters bill the rest, unmetered ones never stop.
    if ((m.rule !== "packages" && m.rule !== "allowance") || m.remaining === null) continue;
    const quota = m.grants.reduce((sum, g) => sum + g.quota, 0);
    if (m.remaining <= 0) {
      stops.push(m.rule === "packages" ? { kind: "usedUp", meter: m.meter, quota } : { kind: "allowanceUsedUp", meter: m.meter, quota, resetsAt: s.period.end });
    } else if (quota > 0 && m.remaining < quota * lowRatio) {
      warnings.push({
        kind: "runningLow",
        meter: m.meter,
        remaining: m.remaining,
        quota,
        source: m.rule === "packages" ? "packages" : "allowance",
        resetsAt: m.rule === "allowance" ? s.period.end : null,
      });
    }
  }
  if (s.plan.inTrial && s.trialEndsAt && s.trialEndsAt.getTime() - nowMs <= trialWindowMs) {
    warnings.unshift({ kind: "trialEnding", endsAt: s.trialEndsAt });
  }
  const notices = [...stops, ...warnings];
  return { status: notices[0]?.kind ?? (s.plan.inTrial ? "trial" : "active"), notices };
}
