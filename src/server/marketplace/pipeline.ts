/**
 * The one request pipeline shared by the base interface and the Kit sync interfaces:
 *
 *   persist the call → verify signature & timestamp → refuse a replayed nonce → validate the
 *   body → run the handler → complete the call record → answer
 *
 * Always HTTP 200 with {resultCode, resultMsg, …}: the marketplace judges by resultCode and
 * treats anything else as an outage. Bad input of any kind (oversized, not JSON, NUL bytes, lone
 * surrogates, odd keys) is answered 000001/000002; 000005 is only for real internal failures,
 * logged with the call id. A call that cannot be persisted is not acknowledged (000005 → the
 * marketplace retries), so the call log never misses a call the marketplace believes delivered.
 */
import { bodySignHeader } from "~/koogallery/body-sign";
import { parseJsonValue, stringifyAsciiJson } from "~/koogallery/canonical-json";
import type { CheckedParts } from "~/koogallery/hmac";
import { result, resultMessage, type ResultCode } from "~/koogallery/result-codes";
import type { VerifyOutcome } from "~/koogallery/signature";
import type { PrismaClient } from "~/generated/prisma/client";
import { storableJson, storableText } from "~/server/db/safe-text";
import { AppError, toAppError } from "~/server/errors";
import type { LimitedBody } from "~/server/http/limited-body";
import { logger } from "~/server/observability/logger";
import { observeMarketplaceCall } from "~/server/observability/metrics";
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

/** A body that was over REQUEST_BODY_LIMIT_BYTES: only its first bytes were kept. */
export interface BodyTooLarge {
  limitBytes: number;
  receivedBytes: number;
  declaredBytes: number | null;
}

/** What the handlers take as the body: the text, or its preview and why it stopped. */
export interface CallBody {
  rawBody: string;
  /** Bytes as received (defaults to the UTF-8 length of rawBody). */
  requestBytes?: number;
  bodyTooLarge?: BodyTooLarge;
}

/** Adapts the limited reader's result (src/server/http/limited-body.ts) for the handlers. */
export function callBody(body: LimitedBody): CallBody {
  if (body.ok) return { rawBody: body.text, requestBytes: body.bytes };
  const { limitBytes, receivedBytes, declaredBytes } = body;
  return { rawBody: body.preview, requestBytes: declaredBytes ?? receivedBytes, bodyTooLarge: { limitBytes, receivedBytes, declaredBytes } };
}

export interface PipelineSpec<R> extends CallBody {
  channel: "base" | "kit" | "license";
  path: string;
  nowMs?: number;
  nonce: string | null;
  /** Signature check over the raw body (timestamp window included). */
  verify(nowMs: number): VerifyOutcome;
  /**
   * Presence, shape and freshness of the signature parameters, without the HMAC: all an
   * oversized body (whose text we did not keep) can be judged by.
   */
  checkSignatureParts(nowMs: number): CheckedParts;
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

function failure(outcome: { resultCode: "000001" | "000002"; reason: string }): AppError {
  return new AppError(outcome.resultCode === "000001" ? "SIGNATURE_INVALID" : "INVALID_INPUT", outcome.reason);
}

/**
 * An oversized body cannot be verified (the signature covers the text we did not keep). Its
 * signature parameters are judged as for any call; when they are all present and fresh the
 * answer is 000002 "too large" — README, "Decisions where the spec is silent".
 */
function refuseOversized(spec: PipelineSpec<unknown>, tooLarge: BodyTooLarge, nowMs: number): AppError {
  const parts = spec.checkSignatureParts(nowMs);
  if (!parts.ok) return failure(parts);
  const size = tooLarge.declaredBytes ?? tooLarge.receivedBytes;
  return new AppError("BODY_TOO_LARGE", `${tooLarge.declaredBytes === null ? "more than " : ""}${size} bytes, limit ${tooLarge.limitBytes}; signature not checked`);
}

export async function runPipeline<R>(
  prisma: PrismaClient,
  config: MarketplaceConfig,
  accessKey: string,
  spec: PipelineSpec<R>,
): Promise<MarketplaceHttpResponse> {
  const started = performance.now();
  const nowMs = spec.nowMs ?? Date.now();
  // The signature is checked over spec.rawBody as received; everything stored or processed is
  // this storable copy (NUL and lone surrogates replaced, "__proto__" keys renamed).
  const parsed = spec.bodyTooLarge ? undefined : storableJson(tryParse(spec.rawBody));
  const nonce = spec.nonce === null ? null : storableText(spec.nonce);

  let callId: string;
  try {
    callId = await openCall(prisma, { channel: spec.channel, path: spec.path, rawBody: spec.rawBody, parsed, nonce, requestBytes: spec.requestBytes });
  } catch (err) {
    logger("marketplace").error({ err, channel: spec.channel, path: spec.path }, "could not record the call (answered 000005)");
    observeMarketplaceCall({ channel: spec.channel, resultCode: "000005", durationMs: performance.now() - started });
    return renderResponse(config, accessKey, { ...result("000005") });
  }

  let resultCode: ResultCode = "000000";
  let resultMsg = spec.successMsg;
  let fields: Record<string, unknown> = {};
  let activity: string | undefined;
  let instanceId: string | undefined;
  let verified = false;
  try {
    if (spec.bodyTooLarge) throw refuseOversized(spec as PipelineSpec<unknown>, spec.bodyTooLarge, nowMs);
    const verdict = spec.verify(nowMs);
    if (!verdict.ok) throw failure(verdict);
    // Remember nonces for twice the window: a replay inside the window always hits the row.
    if (!(await rememberNonce(prisma, nonce!, spec.channel, config.windowMs * 2, nowMs))) {
      throw new AppError("REPLAYED_REQUEST", "nonce already used");
    }
    verified = true;
    const req = spec.parse(parsed);
    if (!req.ok) throw new AppError("INVALID_INPUT", req.message);
    activity = req.activity;
    const ctx: ActivityContext = { prisma, config, callId, isTest: req.isTest, nowMs };
    // Again after validation: schemas decode JSON held in strings (userList, productInfo …).
    const out = await spec.run(ctx, storableJson(req.request));
    fields = out.fields ?? {};
    resultMsg = out.resultMsg ?? resultMsg;
    instanceId = out.instanceId;
  } catch (err) {
    const appError = toAppError(err);
    resultCode = appError.resultCode;
    resultMsg = appError.message;
    fields = {};
    if (resultCode === "000005") {
      // The one answer that makes the marketplace retry: say why, with the call to look up.
      logger("marketplace").error({ err, callId, channel: spec.channel, activity: activity ?? spec.path }, "call answered 000005");
    }
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
      verifiedBody: verified ? parsed : undefined,
    });
  } catch (err) {
    logger("marketplace").error({ err, callId, channel: spec.channel }, "could not complete the call record");
    if (resultCode === "000000") resultCode = "000005";
  }
  observeMarketplaceCall({ channel: spec.channel, activity, resultCode, durationMs: performance.now() - started });
  if (resultCode !== envelope.resultCode) return renderResponse(config, accessKey, { resultCode: "000005", resultMsg: resultMessage("000005") });
  return response;
}
