/**
 * The license-code lifecycle as two explicit transition tables, one per kind of call.
 *
 * Production calls (testFlag 0) follow PRODUCTION_TRANSITIONS. A code we have never seen is the
 * pseudo-status UNKNOWN: a renewal creates it (the marketplace generates codes, so the first we
 * hear of a code may well be its renewal) and a release records it as released; freezing or
 * unfreezing a code we do not know answers 000003 (授权码ID不存在). Anything without a row is
 * illegal: answered 000003 and recorded as a refused LicenseTransition. Repeats (freeze a frozen
 * code, release a released one) are legal no-ops, because the marketplace retries.
 *
 * Debug calls (testFlag 1) follow DEBUG_TRANSITIONS, where every cell is filled: the seller
 * console re-runs its saved cases in any order and each must succeed every time, so a debug
 * renewal or status change revives a released debug code, and any debug call on an unknown code
 * creates it as test data. README "License products" documents this.
 *
 * To add an event: add it to the union and fill its row in both tables (the unit test lists
 * every cell).
 */
import type { LicenseCodeStatus } from "~/generated/prisma/enums";
import type { LicenseReasonCode } from "~/server/lifecycle/reasons";

export type LicenseEvent = "refresh" | "freeze" | "unfreeze" | "release";
export type LicenseFrom = LicenseCodeStatus | "UNKNOWN";

type Row = Partial<Record<LicenseFrom, LicenseCodeStatus>>;

export const PRODUCTION_TRANSITIONS: Record<LicenseEvent, Row> = {
  // Renewal / cancelled renewal: a new expiry; the status is left to FREEZE/UNFREEZE.
  refresh: { UNKNOWN: "ACTIVE", ACTIVE: "ACTIVE", FROZEN: "FROZEN" },
  freeze: { ACTIVE: "FROZEN", FROZEN: "FROZEN" },
  unfreeze: { FROZEN: "ACTIVE", ACTIVE: "ACTIVE" },
  release: { UNKNOWN: "RELEASED", ACTIVE: "RELEASED", FROZEN: "RELEASED", RELEASED: "RELEASED" },
};

export const DEBUG_TRANSITIONS: Record<LicenseEvent, Required<Row>> = {
  refresh: { UNKNOWN: "ACTIVE", ACTIVE: "ACTIVE", FROZEN: "FROZEN", RELEASED: "ACTIVE" },
  freeze: { UNKNOWN: "FROZEN", ACTIVE: "FROZEN", FROZEN: "FROZEN", RELEASED: "FROZEN" },
  unfreeze: { UNKNOWN: "ACTIVE", ACTIVE: "ACTIVE", FROZEN: "ACTIVE", RELEASED: "ACTIVE" },
  release: { UNKNOWN: "RELEASED", ACTIVE: "RELEASED", FROZEN: "RELEASED", RELEASED: "RELEASED" },
};

export type LicenseTransitionResult =
  | { legal: true; from: LicenseFrom; to: LicenseCodeStatus; noop: boolean }
  | { legal: false; from: LicenseFrom; reason: string; reasonCode: LicenseReasonCode };

export function licenseTransition(from: LicenseFrom, event: LicenseEvent, debug: boolean): LicenseTransitionResult {
  const to = (debug ? DEBUG_TRANSITIONS : PRODUCTION_TRANSITIONS)[event][from];
  if (!to) {
    return from === "UNKNOWN"
      ? { legal: false, from, reason: `${event} of a license code that was never seen`, reasonCode: "unknown" }
      : { legal: false, from, reason: `${event} is not allowed when the license code is ${from}`, reasonCode: "illegal" };
  }
  return { legal: true, from, to, noop: to === from };
}
