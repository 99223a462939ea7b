/**
 * The one request pipeline shared by the base interface and the Kit sync interfaces:
 *
 *   verify signature & timestamp, validate the body (in memory) → persist the call and claim
 *   the nonce (one statement; a hot activity's work folded in) → refuse a replayed nonce →
 *   run the handler → complete the call record → answer
 *
 * Two statements per call on the hot path (README "Marketplace callbacks: statements per
 * call"): the open statement and the completion, both SQL on the driver (call-statements.ts).
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
import { sqlFor, type Sql } from "~/server/db/sql";
import { AppError, toAppError } from "~/server/errors";
import type { LimitedBody } from "~/server/http/limited-body";
import { logger } from "~/server/observability/logger";
import { observeMarketplaceCall } from "~/server/observability/metrics";
import type { OpenCallInput } from "./call-log";
import { closeCallSql, newCallId, openCallSql, type NonceClaim, type OpenedCall } from "./call-statements";
import type { MarketplaceConfig } from "./config";
import type { ActivityContext, ActivityResult, HotInput, HotWork } from "./context";

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
  /** The activity's work as part of the open statement, when it is a hot one (else undefined). */
  hot?(request: R, input: HotInput): Promise<HotWork | undefined> | HotWork | undefined;
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

/** Signature, timestamp and size, judged before anything is written: null when they pass. */
function judge(spec: PipelineSpec<unknown>, nowMs: number): AppError | null {
  if (spec.bodyTooLarge) return refuseOversized(spec, spec.bodyTooLarge, nowMs);
  const verdict = spec.verify(nowMs);
  return verdict.ok ? null : failure(verdict);
}

/**
 * Statement 1: the call row and the nonce claim, with the hot work when there is one. If the
 * combined statement fails (nothing of it was written) the call is opened again without the
 * work, which then runs on its ordinary path: only a call that cannot be written at all is
 * answered 000005 unrecorded.
 */
async function open(sql: Sql, callId: string, input: OpenCallInput, claim: NonceClaim | null, hot: HotWork | undefined): Promise<{ opened: OpenedCall; hot?: HotWork }> {
  if (hot) {
    try {
      return { opened: await openCallSql(sql, callId, input, claim, hot), hot };
    } catch (err) {
      logger("marketplace").warn({ err, statement: hot.name }, "hot statement failed, running the call on the ordinary path");
    }
  }
  return { opened: await openCallSql(sql, callId, input, claim) };
}

/** The hot work, if any; a failure to prepare it leaves the call to the ordinary path (which reports it). */
async function hotFor<R>(spec: PipelineSpec<R>, request: R, input: HotInput): Promise<HotWork | undefined> {
  try {
    return await spec.hot?.(request, input);
  } catch {
    return undefined;
  }
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

  // In memory, before the call is written: the verdict decides whether the nonce is claimed,
  // the validated body whether a hot activity's work joins the open statement.
  const refused = judge(spec as PipelineSpec<unknown>, nowMs);
  const req = refused ? undefined : spec.parse(parsed);
  // Again after validation: schemas decode JSON held in strings (userList, productInfo …).
  const request = req?.ok ? storableJson(req.request) : undefined;
  const callId = newCallId();
  const hotWork = req?.ok ? await hotFor(spec, request as R, { config, callId, isTest: req.isTest, nowMs }) : undefined;
  // Remember nonces for twice the window: a replay inside the window always hits the row.
  const claim = refused ? null : { nonce: nonce!, channel: spec.channel, ttlMs: config.windowMs * 2, nowMs };

  let opened: OpenedCall;
  let hot: HotWork | undefined;
  let sql: Sql;
  try {
    // Inside the try: a client without a registered driver cannot record the call either.
    sql = sqlFor(prisma);
    const callInput = { channel: spec.channel, path: spec.path, rawBody: spec.rawBody, parsed, nonce, requestBytes: spec.requestBytes };
    ({ opened, hot } = await open(sql, callId, callInput, claim, hotWork));
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
    if (refused) throw refused;
    if (!opened.claimed) throw new AppError("REPLAYED_REQUEST", "nonce already used");
    verified = true;
    if (!req!.ok) throw new AppError("INVALID_INPUT", req!.message);
    activity = req!.activity;
    const ctx: ActivityContext = { prisma, config, callId, isTest: req!.isTest, nowMs };
    const out = hot ? await hot.finish(ctx, opened.rows) : await spec.run(ctx, request as R);
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

  // The call is completed: activity, result code and duration, before the answer is sent.
  const envelope = result(resultCode, resultMsg);
  const payload = { ...envelope, ...fields };
  const response = renderResponse(config, accessKey, payload);
  try {
    await closeCallSql(sql, callId, {
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
