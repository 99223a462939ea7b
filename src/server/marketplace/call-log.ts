/**
 * The call log: every marketplace call is written when it arrives (before any processing) and
 * completed with its answer before the answer is sent. A call that cannot be written is not
 * acknowledged (the caller gets 000005 and retries), so nothing the marketplace believes
 * delivered is missing here.
 */
import { Prisma, type PrismaClient } from "~/generated/prisma/client";

const SECRET_KEY = /pass(word)?|secret|token|mobile|phone|e-?mail|private|credential/i;
const RAW_BODY_LIMIT = 8 * 1024;

/** Deep copy with secret and personal fields replaced, so the log is safe to show to staff. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== "" ? "[redacted]" : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}

export interface OpenCallInput {
  channel: "base" | "kit" | "license";
  path: string;
  rawBody: string;
  /** The parsed body when it is valid JSON. */
  parsed: unknown;
  nonce?: string | null;
}

function str(v: unknown, max: number): string | null {
  return typeof v === "string" && v.length > 0 ? v.slice(0, max) : typeof v === "number" ? String(v) : null;
}

export async function openCall(prisma: PrismaClient, input: OpenCallInput): Promise<string> {
  const body = input.parsed && typeof input.parsed === "object" && !Array.isArray(input.parsed)
    ? (input.parsed as Record<string, unknown>)
    : undefined;
  const row = await prisma.marketplaceCall.create({
    data: {
      channel: input.channel,
      path: input.path.slice(0, 255),
      activity: str(body?.activity, 64),
      orderId: str(body?.orderId, 64),
      orderLineId: str(body?.orderLineId, 64),
      // License calls concern a code, not an instance: the code is the call's subject in the log.
      instanceId: str(input.channel === "license" ? body?.license : body?.instanceId, 128),
      tenantId: str(body?.tenantId, 64),
      nonce: input.nonce ? input.nonce.slice(0, 128) : null,
      isTest: String(body?.testFlag ?? "") === "1",
      requestBody: body ? (redact(body) as Prisma.InputJsonValue) : Prisma.DbNull,
      rawBody: body ? null : input.rawBody.slice(0, RAW_BODY_LIMIT),
    },
    select: { id: true },
  });
  return row.id;
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
}

export async function closeCall(prisma: PrismaClient, id: string, out: CloseCallInput): Promise<void> {
  await prisma.marketplaceCall.update({
    where: { id },
    data: {
      resultCode: out.resultCode,
      resultMsg: out.resultMsg.slice(0, 1000),
      responseBody: redact(out.responseBody) as Prisma.InputJsonValue,
      httpStatus: out.httpStatus,
      latencyMs: Math.round(out.latencyMs),
      completedAt: new Date(),
      ...(out.activity ? { activity: out.activity } : {}),
      ...(out.instanceId ? { instanceId: out.instanceId.slice(0, 128) } : {}),
    },
  });
}
