/**
 * The call log: every marketplace call is written when it arrives (before any processing) and
 * completed with its answer before the answer is sent. A call that cannot be written is not
 * acknowledged (the caller gets 000005 and retries), so nothing the marketplace believes
 * delivered is missing here.
 *
 * What is stored of the body depends on whether the call was verified (signature and nonce
 * accepted): a verified call keeps its whole body (redacted); any other call keeps metadata, the
 * body's size and a preview of at most a few KiB (body-preview.ts), because anyone can send those.
 * Every string goes through storableText/storableJson first, so no byte sequence a caller sends
 * can make PostgreSQL refuse the row.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { storableJson, storableText } from "~/server/db/safe-text";
import { currentRequestId } from "~/server/observability/request-context";
import { cutText, previewJson, previewText } from "./body-preview";

const SECRET_KEY = /pass(word)?|secret|token|mobile|phone|e-?mail|private|credential/i;

/** Deep copy with secret and personal fields replaced, so the log is safe to show to staff. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // defineProperty: a key such as "__proto__" stays a plain own property.
      Object.defineProperty(out, k, {
        value: SECRET_KEY.test(k) && v !== null && v !== "" ? "[redacted]" : redact(v, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Redacted, storable copy of a body for a Json column. */
function storedJson(value: unknown): Prisma.InputJsonValue {
  return storableJson(redact(value)) as Prisma.InputJsonValue;
}

export interface OpenCallInput {
  channel: "base" | "kit" | "license";
  path: string;
  /** The body as received (for an oversized body: its first bytes). */
  rawBody: string;
  /** The parsed body when it is valid JSON. */
  parsed: unknown;
  nonce?: string | null;
  /** Size of the body in bytes (received, or declared when it was refused unread). */
  requestBytes?: number | null;
}

function str(v: unknown, max: number): string | null {
  if (typeof v === "string" && v.length > 0) return cutText(storableText(v), max);
  return typeof v === "number" && Number.isFinite(v) ? String(v) : null;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The columns of a new call row (written by call-statements.ts). */
export function callColumns(input: OpenCallInput) {
  const body = asRecord(input.parsed);
  const testFlag = body?.testFlag;
  return {
    channel: input.channel,
    path: cutText(storableText(input.path), 255),
    activity: str(body?.activity, 64),
    orderId: str(body?.orderId, 64),
    orderLineId: str(body?.orderLineId, 64),
    // License calls concern a code, not an instance: the code is the call's subject in the log.
    instanceId: str(input.channel === "license" ? body?.license : body?.instanceId, 128),
    tenantId: str(body?.tenantId, 64),
    nonce: input.nonce ? cutText(storableText(input.nonce), 128) : null,
    // Only a string or number counts: String() of an object could run the caller's "toString".
    isTest: (typeof testFlag === "string" || typeof testFlag === "number") && String(testFlag) === "1",
    requestBody: body ? (storableJson(previewJson(redact(body))) as Prisma.InputJsonValue) : null,
    rawBody: body ? null : previewText(storableText(input.rawBody)),
    requestBytes: input.requestBytes ?? Buffer.byteLength(input.rawBody, "utf8"),
    requestId: currentRequestId() ?? null,
  };
}

export interface CloseCallInput {
  resultCode: string;
  resultMsg: string;
  responseBody: unknown;
  httpStatus: number;
  latencyMs: number;
  /** Canonical activity name once known (aliases resolved). */
  activity?: string;
  instanceId?: string | null;
  /** The whole parsed body, given only for a verified call (it replaces the preview). */
  verifiedBody?: unknown;
}

/** The columns a completed call gets; undefined = keep what the row has. */
export function closeColumns(out: CloseCallInput) {
  return {
    resultCode: out.resultCode,
    resultMsg: cutText(storableText(out.resultMsg), 1000),
    responseBody: storedJson(out.responseBody),
    httpStatus: out.httpStatus,
    latencyMs: Math.round(out.latencyMs),
    requestBody: out.verifiedBody !== undefined && asRecord(out.verifiedBody) ? storedJson(out.verifiedBody) : undefined,
    activity: out.activity ? cutText(storableText(out.activity), 64) : undefined,
    instanceId: out.instanceId ? cutText(storableText(out.instanceId), 128) : undefined,
  };
}

export async function closeCall(prisma: PrismaClient, id: string, out: CloseCallInput): Promise<void> {
  const { requestBody, activity, instanceId, ...always } = closeColumns(out);
  await prisma.marketplaceCall.update({
    where: { id },
    data: {
      ...always,
      completedAt: new Date(),
      // A call the housekeeping gave up on that completes after all is not interrupted.
      interruptedAt: null,
      ...(requestBody !== undefined ? { requestBody } : {}),
      ...(activity ? { activity } : {}),
      ...(instanceId ? { instanceId } : {}),
    },
  });
}
