/**
 * One conformance case: a request the seller console would send (a saved 调测用例) and what a
 * conforming answer looks like. Cases are plain JSON so a generated set can be saved and replayed
 * unchanged by the probe (case-file.ts).
 */
import type { KitKind } from "../koogallery/kit-schemas";
import type { ResultCode } from "../koogallery/result-codes";

export type Channel = "base" | "kit" | "license";

/**
 * Hostile variants of a valid request, each expected to be refused:
 *   stale / future   timestamp far outside the signature window
 *   replay           the same signed request twice (the first must succeed, the second not)
 *   tamper           the body changed after signing
 *   wrong-key        signed with a key the deployment does not hold
 *   no-signature     the signature left out
 *   no-timestamp     the timestamp left out
 */
export const ATTACKS = ["stale", "future", "replay", "tamper", "wrong-key", "no-signature", "no-timestamp"] as const;
export type Attack = (typeof ATTACKS)[number];

/** A variable filled from an earlier answer, written `${name}` inside a body string. */
export const VARIABLE_PATTERN = /\$\{([a-z][a-zA-Z0-9.]*)\}/g;

export interface ConformanceCase {
  /** Stable id, e.g. "period.renewal"; JUnit test name and the key of stability checks. */
  id: string;
  /** What the console calls it, e.g. "refreshInstance RENEWAL (续费)". */
  title: string;
  channel: Channel;
  /** Kit interface (channel "kit"). */
  kitKind?: KitKind;
  /** Request body; string values may hold `${instance.main}`-style variables until resolved. */
  body: Record<string, unknown>;
  /** resultCodes that pass (a hostile case lists the refusal codes). */
  expectCodes: ResultCode[];
  attack?: Attack;
  /** attack "tamper": the body field whose value is changed after signing. */
  tamperField?: string;
  /** newInstance: bind the answered instanceId to this variable (e.g. "instance.main"). */
  captureInstanceId?: string;
  /** newInstance: the instanceId this order must keep answering (set when a case set is saved). */
  expectInstanceId?: string;
  /** queryInstance: each listed instance must carry usageInfo. */
  requireUsageInfo?: boolean;
}

/** Fields every case generator needs. */
export interface GenerationContext {
  /** Signing clock of the generation (expiry dates are derived from it, then fixed). */
  nowMs: number;
}
