/**
 * The one request pipeline shared by the base interface and the Kit sync interfaces:
 *
 *   persist the call → verify signature & timestamp → refuse a replayed nonce → validate the
 *   body → run the handler → complete the call record → answer
 *
 * Always HTTP 200 with {resultCode, resultMsg, …}: the marketplace judges by resultCode and
 * treats anything else as an outage (spec §1.3). Unexpected failures become 000005 without
 * internals. A call that cannot be persisted is not acknowledged (000005 → the marketplace
 * retries), so the call log never misses a call the marketplace believes delivered.
 */
import { bodySignHeader } from "~/koogallery/body-sign";
import { parseJsonValue, stringifyAsciiJson } from "~/koogallery/canonical-json";
import { result, resultMessage, type ResultCode } from "~/koogallery/result-codes";
import type { VerifyOutcome } from "~/koogallery/signature";
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError, toAppError } from "~/server/errors";
import { closeCall, openCall } from "./call-log";
import type { MarketplaceConfig } from "./config";
import type { ActivityContext, ActivityResult } from "./context";
import { rememberNonce } from "./nonce-store";

export interface MarketplaceHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Parsed<R> = { ok: true; request: R; activity: string; isTest: boolean } | { ok: false; message: string };

export interface PipelineSpec<R> {
  channel: "base" | "kit" | "license";
  path: string;
  rawBody: string;
  nowMs?: number;
  nonce: string | null;
  /** Signature check over the raw body (timestamp window included). */
  verify(nowMs: number): VerifyOutcome;
  /** zod validation of the parsed body. */
  parse(json: unknown): Parsed<R>;
  run(ctx: ActivityContext, request: R): Promise<ActivityResult>;
  /** Success message (the demo says "success.", Kit pages "Success"). */
  successMsg: string;
}

function tryParse(raw: string): unknown {
  try {
    return parseJsonValue(raw);
  } catch {
    return undefined;
  }
}

/** Serialises a response: non-ASCII as \uXXXX (the spec asks this of memo; valid JSON anyway). */
export function renderResponse(config: MarketplaceConfig, accessKey: string, payload: Record<string, unknown>): MarketplaceHttpResponse {
  const body = stringifyAsciiJson(payload);
  const headers: Record<string, string> = { "content-type": "application/json;charset=UTF-8" };
  if (config.bodySign) headers["Body-Sign"] = bodySignHeader(accessKey, body);
  return { status: 200, headers, body };
}

export async function runPipeline<R>(
  prisma: PrismaClient,
  config: MarketplaceConfig,
  accessKey: string,
  spec: PipelineSpec<R>,
): Promise<MarketplaceHttpResponse> {
  const started = performance.now();
  const nowMs = spec.nowMs ?? Date.now();
  const parsed = tryParse(spec.rawBody);

  let callId: string;
  try {
    callId = await openCall(prisma, { channel: spec.channel, path: spec.path, rawBody: spec.rawBody, parsed, nonce: spec.nonce });
  } catch (err) {
    console.error(`[marketplace] could not record ${spec.channel} call:`, (err as Error).message);
    return renderResponse(config, accessKey, { ...result("000005") });
  }

  let resultCode: ResultCode = "000000";
  let resultMsg = spec.successMsg;
  let fields: Record<string, unknown> = {};
  let activity: string | undefined;
  let instanceId: string | undefined;
  try {
    const verdict = spec.verify(nowMs);
    if (!verdict.ok) {
      throw new AppError(verdict.resultCode === "000001" ? "SIGNATURE_INVALID" : "INVALID_INPUT", verdict.reason);
    }
    // Remember nonces for twice the window: a replay inside the window always hits the row.
    if (!(await rememberNonce(prisma, spec.nonce!, spec.channel, config.windowMs * 2, nowMs))) {
      throw new AppError("REPLAYED_REQUEST", "nonce already used");
    }
    const req = spec.parse(parsed);
    if (!req.ok) throw new AppError("INVALID_INPUT", req.message);
    activity = req.activity;
    const ctx: ActivityContext = { prisma, config, callId, isTest: req.isTest, nowMs };
    const out = await spec.run(ctx, req.request);
    fields = out.fields ?? {};
    resultMsg = out.resultMsg ?? resultMsg;
    instanceId = out.instanceId;
  } catch (err) {
    const appError = toAppError(err);
    if (!(err instanceof AppError)) console.error(`[marketplace] ${spec.channel} ${activity ?? "call"} failed:`, err);
    resultCode = appError.resultCode as ResultCode;
    resultMsg = appError.message;
    fields = {};
  }

  const envelope = result(resultCode, resultMsg);
  const payload = { ...envelope, ...fields };
  const response = renderResponse(config, accessKey, payload);
  try {
    await closeCall(prisma, callId, {
      resultCode,
      resultMsg: envelope.resultMsg,
      responseBody: payload,
      httpStatus: response.status,
      latencyMs: performance.now() - started,
      activity,
      instanceId,
    });
  } catch (err) {
    console.error("[marketplace] could not complete call record:", (err as Error).message);
    if (resultCode === "000000") return renderResponse(config, accessKey, { resultCode: "000005", resultMsg: resultMessage("000005") });
  }
  return response;
}
