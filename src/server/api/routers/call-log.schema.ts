/**
 * Inputs and the shared `select` of the call-log API (staff only).
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { zSearch, zWindow } from "./list-window";

export const CALL_CHANNELS = ["base", "kit", "license"] as const;

export const ZCallLogListInput = z.object({
  /** Canonical activity name (newInstance …) or Kit kind (tenantSync …). */
  activity: z.string().trim().min(1).max(64).optional(),
  /** KooGallery resultCode, six digits ("000000" = success). */
  resultCode: z.string().regex(/^\d{6}$/, "must be six digits").optional(),
  /** Only error answers: a result code other than 000000 (calls not answered yet are left out). */
  errorsOnly: z.boolean().optional(),
  channel: z.enum(CALL_CHANNELS).optional(),
  /** The call's subject: the instanceId of base calls, the license code of License calls. */
  instanceId: z.string().trim().min(1).max(128).optional(),
  /** The X-Request-Id the call was logged under (README "Operations: logs, health, metrics"). */
  requestId: z.string().trim().min(1).max(128).optional(),
  /** Free text: part of an order, line, instance or tenant id, an activity, a result code or a call id. */
  search: zSearch,
  /** receivedAt in [from, to). */
  ...zWindow,
  /** Debug calls from the seller console (testFlag "1") are shown unless this is false. */
  includeTest: z.boolean().default(true),
  limit: z.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.uuid().optional(),
});
export type CallLogListInput = z.input<typeof ZCallLogListInput>;

export const ZCallLogByIdInput = z.object({ id: z.uuid() });

/**
 * Always say explicitly which fields leave the server. Left out on purpose:
 * - `rawBody`: a preview of a body that was not JSON, so it could not be redacted;
 * - `nonce`: replay-protection detail, no use to an operator.
 */
export const callLogSelect = {
  id: true,
  channel: true,
  activity: true,
  path: true,
  orderId: true,
  orderLineId: true,
  instanceId: true,
  tenantId: true,
  isTest: true,
  requestBody: true,
  resultCode: true,
  resultMsg: true,
  responseBody: true,
  httpStatus: true,
  latencyMs: true,
  receivedAt: true,
  completedAt: true,
  /** Set when the call never completed (the process died); resultCode stays null. */
  interruptedAt: true,
  requestBytes: true,
  /** Joins the row to the JSON log lines of the same request. */
  requestId: true,
} as const satisfies Prisma.MarketplaceCallSelect;
