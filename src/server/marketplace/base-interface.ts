/**
 * The production interface (基础接口): one POST for every `activity`, signed in the URL query
 * (signature, timestamp, nonce). The pipeline (pipeline.ts) does logging, verification, replay
 * protection and answering; this file only maps activities to handlers.
 * Framework-free: the Next.js route passes the raw body and query in.
 */
import { parseActivityBody, type ActivityRequest } from "~/koogallery/schemas";
import type { PrismaClient } from "~/generated/prisma/client";
import { handleLicenseCall, isLicenseCallBody } from "~/server/license/license-interface";
import { changeInstanceCheck } from "./activities/change-instance-check";
import { newInstance } from "./activities/new-instance";
import { newInstanceHot } from "./activities/new-instance-statement";
import { queryInstance } from "./activities/query-instance";
import { queryInstanceHot } from "./activities/query-instance-statement";
import { refreshInstance } from "./activities/refresh-instance";
import { releaseInstance } from "./activities/release-instance";
import { updateInstanceStatus } from "./activities/update-instance-status";
import { upgradeInstance } from "./activities/upgrade-instance";
import type { MarketplaceConfig } from "./config";
import type { ActivityContext, ActivityResult, HotInput, HotWork } from "./context";
import { runPipeline, type CallBody, type MarketplaceHttpResponse } from "./pipeline";
import { querySignature } from "./query-signature";

export type { MarketplaceHttpResponse } from "./pipeline";

export interface BaseCallInput extends CallBody {
  query: URLSearchParams;
  path: string;
  nowMs?: number;
}

export async function runActivity(ctx: ActivityContext, req: ActivityRequest): Promise<ActivityResult> {
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
      return upgradeInstance(ctx, req.data);
    case "changeInstanceCheck":
      return changeInstanceCheck(ctx, req.data);
  }
}

/** The activities the marketplace calls most: their work joins the call's open statement. */
async function hotActivity(req: ActivityRequest, input: HotInput): Promise<HotWork | undefined> {
  switch (req.activity) {
    case "newInstance":
      return newInstanceHot(req.data, input);
    case "queryInstance":
      return queryInstanceHot({ instanceIds: [...new Set(req.data.instanceIds)] }, input);
    default:
      return undefined;
  }
}

export function handleBaseCall(prisma: PrismaClient, config: MarketplaceConfig, input: BaseCallInput): Promise<MarketplaceHttpResponse> {
  // One production address serves every interface type; License calls carry their own key.
  if (isLicenseCallBody(input.rawBody)) return handleLicenseCall(prisma, config, input);
  return runPipeline<ActivityRequest>(prisma, config, config.accessKey, {
    channel: "base",
    path: input.path,
    rawBody: input.rawBody,
    requestBytes: input.requestBytes,
    bodyTooLarge: input.bodyTooLarge,
    nowMs: input.nowMs,
    successMsg: "success.",
    ...querySignature(config.accessKey, config.windowMs, input),
    parse: (json) => {
      const req = parseActivityBody(json);
      if (!req.ok) return { ok: false, message: req.message };
      const { ok: _ok, ...request } = req;
      return { ok: true, request: request as ActivityRequest, activity: req.activity, isTest: req.data.testFlag === "1" };
    },
    run: runActivity,
    hot: hotActivity,
  });
}
