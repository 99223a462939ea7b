/**
 * The instance lifecycle as an explicit transition table.
 *
 * Every marketplace event is looked up here; an event that has no row for the current status
 * is illegal: it is answered with the table's result code and recorded in InstanceTransition
 * with accepted = false, never silently applied. Repeats (freeze a frozen instance, release a
 * released one) are legal no-ops, because the marketplace retries and replays debug cases.
 *
 * To add a status or event: add it to the schema enum / the union below and fill its row.
 */
import type { InstanceStatus } from "~/generated/prisma/enums";
import type { InstanceReasonCode } from "~/server/lifecycle/reasons";

export type InstanceEvent = "refresh" | "freeze" | "unfreeze" | "release" | "upgrade" | "changeCheck";

type Row = Partial<Record<InstanceStatus, InstanceStatus>>;

export const TRANSITIONS: Record<InstanceEvent, Row> = {
  // 更新实例: renewal etc. changes the expiry, never the status (unfreezing is its own call).
  refresh: { ACTIVE: "ACTIVE", FROZEN: "FROZEN" },
  freeze: { ACTIVE: "FROZEN", FROZEN: "FROZEN" },
  unfreeze: { FROZEN: "ACTIVE", ACTIVE: "ACTIVE" },
  release: { ACTIVE: "RELEASED", FROZEN: "RELEASED", RELEASED: "RELEASED" },
  // An upgrade order paid while frozen is applied; it does not thaw the instance.
  upgrade: { ACTIVE: "ACTIVE", FROZEN: "FROZEN" },
  changeCheck: { ACTIVE: "ACTIVE", FROZEN: "FROZEN" },
};

export type TransitionResult =
  | { legal: true; from: InstanceStatus; to: InstanceStatus; noop: boolean }
  | { legal: false; from: InstanceStatus; reason: string; reasonCode: InstanceReasonCode };

export function transition(from: InstanceStatus, event: InstanceEvent): TransitionResult {
  const to = TRANSITIONS[event][from];
  if (!to) return { legal: false, from, reason: `${event} is not allowed when the instance is ${from}`, reasonCode: "illegal" };
  return { legal: true, from, to, noop: to === from };
}
