/**
 * The production interface (基础接口): one POST for every `activity`.
 *
 *   persist the call → verify signature & timestamp → refuse replayed nonce → validate body
 *   → run the activity → complete the call record → answer
 *
 * Always HTTP 200 with {resultCode, resultMsg, …}: the marketplace judges by resultCode and
 * treats non-200 as an outage (spec §1.3). Internal failures become 000005 without details.
 * Framework-free: the Next.js route only passes the raw body and query in.
 */
import { bodySignHeader } from "~/koogallery/body-sign";
import { parseJsonValue, stringifyAsciiJson } from "~/koogallery/canonical-json";
import { result, resultMessage, type ResultCode } from "~/koogallery/result-codes";
import { parseActivityBody, type ActivityRequest } from "~/koogallery/schemas";
import { verifyBase } from "~/koogallery/signature";
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError, toAppError } from "~/server/errors";
import { changeInstanceCheck } from "./activities/change-instance-check";
import { newInstance } from "./activities/new-instance";
import { queryInstance } from "./activities/query-instance";
import { refreshInstance } from "./activities/refresh-instance";
import { releaseInstance } from "./activities/release-instance";
import { updateInstanceStatus } from "./activities/update-instance-status";
import { upgradeInstance } from "./activities/upgrade-instance";
import { closeCall, openCall } from "./call-log";
import type { MarketplaceConfig } from "./config";
import type { ActivityContext, ActivityResult } from "./context";
import { rememberNonce } from "./nonce-store";

export interface MarketplaceHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface BaseCallInput {
  rawBody: string;
  query: URLSearchParams;
  path: string;
  nowMs?: number;
}

function tryParse(raw: string): unknown {
  try {
    return parseJsonValue(raw);
  } catch {
    return undefined;
  }
}

function optionalString(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

async function runActivity(ctx: ActivityContext, req: ActivityRequest): Promise<ActivityResult> {
  switch (req.activity) {
    case "newInstance":
      return newInstance(ctx, req.data);
    case "queryInstance":
      return queryInstance(ctx, { instanceIds: [...new Set(req.data.instanceIds)] });
    case "refreshInstance":
      return refreshInstance(ctx, req.data);
    case "updateInstanceStatus":
      return updateInstanceStatus(ctx, req.data);
    case "releaseInstance":
      return releaseInstance(ctx, req.data);
    case "upgradeInstance":
      return upgradeInstance(ctx, {
        ...req.data,
        productId: optionalString(req.data.productId),
        skuCode: optionalString(req.data.skuCode),
      });
    case "changeInstanceCheck":
      return changeInstanceCheck(ctx, req.data);
  }
}

/** Serialises a response: non-ASCII as \uXXXX (the spec asks this of memo; valid JSON anyway). */
export function renderResponse(
  config: MarketplaceConfig,
  payload: Record<string, unknown>,
): MarketplaceHttpResponse {
  const body = stringifyAsciiJson(payload);
  const headers: Record<string, string> = { "content-type": "application/json;charset=UTF-8" };
  if (config.bodySign) headers["Body-Sign"] = bodySignHeader(config.accessKey, body);
  return { status: 200, headers, body };
}

export async function handleBaseCall(
  prisma: PrismaClient,
  config: MarketplaceConfig,
  input: BaseCallInput,
): Promise<MarketplaceHttpResponse> {
  const started = performance.now();
  const nowMs = input.nowMs ?? Date.now();
  const parsed = tryParse(input.rawBody);
  const nonce = input.query.get("nonce");

  let callId: string;
  try {
    callId = await openCall(prisma, { channel: "base", path: input.path, rawBody: input.rawBody, parsed, nonce });
  } catch (err) {
    // Not persisted → not acknowledged: the marketplace will retry.
    console.error("[marketplace] could not record call:", err);
    return renderResponse(config, { resultCode: "000005", resultMsg: resultMessage("000005") });
  }

  let resultCode: ResultCode = "000000";
  let resultMsg = "success.";
  let fields: Record<string, unknown> = {};
  let activity: string | undefined;
  let instanceId: string | undefined;
  try {
    const verdict = verifyBase({
      accessKey: config.accessKey,
      signature: input.query.get("signature"),
      timestamp: input.query.get("timestamp"),
      nonce,
      rawBody: input.rawBody,
      nowMs,
      windowMs: config.windowMs,
    });
    if (!verdict.ok) {
      throw new AppError(verdict.resultCode === "000001" ? "SIGNATURE_INVALID" : "INVALID_INPUT", verdict.reason);
    }
    if (!(await rememberNonce(prisma, nonce!, "base", config.windowMs * 2, nowMs))) {
      throw new AppError("REPLAYED_REQUEST", "nonce already used");
    }
    const req = parseActivityBody(parsed);
    if (!req.ok) throw new AppError("INVALID_INPUT", req.message);
    activity = req.activity;
    const ctx: ActivityContext = { prisma, config, callId, isTest: req.data.testFlag === "1", nowMs };
    const out = await runActivity(ctx, req);
    fields = out.fields ?? {};
    resultMsg = out.resultMsg ?? resultMsg;
    instanceId = out.instanceId;
  } catch (err) {
    const appError = toAppError(err);
    if (!(err instanceof AppError)) console.error("[marketplace] activity failed:", err);
    resultCode = appError.resultCode as ResultCode;
    resultMsg = appError.message;
    fields = {};
  }

  const envelope = result(resultCode, resultMsg);
  const payload = { ...envelope, ...fields };
  const response = renderResponse(config, payload);
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
    console.error("[marketplace] could not complete call record:", err);
    if (resultCode === "000000") return renderResponse(config, { resultCode: "000005", resultMsg: resultMessage("000005") });
  }
  return response;
}
