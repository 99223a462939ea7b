/**
 * Inputs and the explicit selects of the staff usage view (metering ledger, balances and the
 * usage-push outbox). Every field that leaves the server is named here; the router only adds
 * fields derived from these (hour end, HTTP status of the last answer, remaining balance …).
 * Nothing in these tables is a credential, but the settings summary must only ever say *whether*
 * AK/SK and the push key are configured, never their values (see usage-admin.ts).
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { zSearch, zWindow } from "./list-window";

/** UsagePushRecord.status values (prisma/schema.prisma): PENDING → SENT, or FAILED (a dead letter, see deadReason). */
import { DEAD_REASONS, PUSH_STATUSES } from "~/server/billing";

export { DEAD_REASONS, oldestPendingSelect, PUSH_STATUSES, type DeadReason, type PushStatus } from "~/server/billing";

const instanceId = z.string().trim().min(1).max(64);
const accountKey = z.string().trim().min(1).max(160);
const limit = z.number().int().min(1).max(200).default(50);

export const ZPushRecordListInput = z.object({
  status: z.enum(PUSH_STATUSES).optional(),
  /** Matches the billed instance (usage push instance_id) or the package (relate_pkg_instance). */
  instanceId: instanceId.optional(),
  /** Part of the metering serial, an instance id, the meter or the last result code. */
  search: zSearch,
  /** hourStart (the usage hour) in [from, to). */
  ...zWindow,
  limit,
  /** `nextCursor` of the previous page. */
  cursor: z.uuid().optional(),
});
export type PushRecordListInput = z.input<typeof ZPushRecordListInput>;

export const ZLedgerListInput = z.object({
  accountKey: accountKey.optional(),
  /** Matches the consuming, the billed or the package instance of an entry. */
  instanceId: instanceId.optional(),
  /** Part of the account key, an instance id, the meter or the debit id. */
  search: zSearch,
  /** createdAt in [from, to). */
  ...zWindow,
  limit,
  /** `nextCursor` of the previous page (UsageEntry ids are integers, sent as text). */
  cursor: z.string().regex(/^\d{1,18}$/, "must be a ledger entry id").optional(),
});
export type LedgerListInput = z.input<typeof ZLedgerListInput>;

export const ZDeadLetterListInput = z.object({
  reason: z.enum(DEAD_REASONS).optional(),
  /** Matches instance_id or relate_pkg_instance. */
  instanceId: instanceId.optional(),
  /** As for push records. */
  search: zSearch,
  /** hourStart in [from, to). */
  ...zWindow,
  limit,
  cursor: z.uuid().optional(),
});
export type DeadLetterListInput = z.input<typeof ZDeadLetterListInput>;

export const ZPushRecordRequeueInput = z.object({ id: z.uuid() });

export const ZGrantsInput = z.object({ accountKey });

/** The usage push outbox. `leaseUntil` shows a record a worker is pushing right now. */
export const pushRecordSelect = {
  id: true,
  meteringSn: true,
  instanceId: true,
  packageInstanceId: true,
  meter: true,
  hourStart: true,
  seq: true,
  usageValue: true,
  beginTime: true,
  endTime: true,
  status: true,
  deadReason: true,
  deadAt: true,
  attempts: true,
  nextAttemptAt: true,
  leaseUntil: true,
  lastResultCode: true,
  lastError: true,
  recordTime: true,
  sentAt: true,
  createdAt: true,
} as const satisfies Prisma.UsagePushRecordSelect;

/** The append-only usage ledger. */
export const ledgerEntrySelect = {
  id: true,
  debitId: true,
  accountKey: true,
  instanceId: true,
  meter: true,
  amount: true,
  grantId: true,
  packageInstanceId: true,
  billedInstanceId: true,
  pushRecordId: true,
  createdAt: true,
} as const satisfies Prisma.UsageEntrySelect;

/** What a ledger row shows of the push record that carried it. */
export const ledgerPushRecordSelect = {
  id: true,
  meteringSn: true,
  status: true,
} as const satisfies Prisma.UsagePushRecordSelect;

/** Packages and monthly allowances of an account. */
export const grantSelect = {
  id: true,
  grantKey: true,
  accountKey: true,
  meter: true,
  kind: true,
  sourceInstanceId: true,
  quota: true,
  used: true,
  validFrom: true,
  validUntil: true,
  createdAt: true,
} as const satisfies Prisma.MeterGrantSelect;

