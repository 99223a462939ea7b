/**
 * 联营 Kit sync interfaces: POST {production address}/produceAPI/v2/{tenantSync|
 * applicationSync|authSync|singleOrgSync|allOrgSync}, signed in headers (x-sign, x-timestamp,
 * x-nonce) with the Kit key. Same pipeline (logging, replay store, answers) as the base
 * interface; the path selects the handler.
 */
import { kitKindFromPath, parseKitBody, type KitKind, type KitRequest } from "~/koogallery/kit-schemas";
import { checkSignatureParts } from "~/koogallery/hmac";
import { kitHeadersFrom, verifyKit } from "~/koogallery/kit-signature";
import type { PrismaClient } from "~/generated/prisma/client";
import type { MarketplaceConfig } from "./config";
import type { ActivityContext, ActivityResult } from "./context";
import { applicationSync } from "./kit/application-sync";
import { authSync } from "./kit/auth-sync";
import { allOrgSync, singleOrgSync } from "./kit/org-sync";
import { tenantSync } from "./kit/tenant-sync";
import { runPipeline, type CallBody, type MarketplaceHttpResponse } from "./pipeline";

export interface KitCallInput extends CallBody {
  headers: { get(name: string): string | null };
  path: string;
  nowMs?: number;
}

export async function runKit(ctx: ActivityContext, req: KitRequest): Promise<ActivityResult> {
  switch (req.kind) {
    case "tenantSync":
      return tenantSync(ctx, req.data);
    case "applicationSync":
      return applicationSync(ctx, req.data);
    case "authSync":
      return authSync(ctx, req.data);
    case "singleOrgSync":
      return singleOrgSync(ctx, req.data);
    case "allOrgSync":
      return allOrgSync(ctx, req.data);
  }
}

export function handleKitCall(prisma: PrismaClient, config: MarketplaceConfig, input: KitCallInput): Promise<MarketplaceHttpResponse> {
  const kind: KitKind | null = kitKindFromPath(input.path);
  return runPipeline<KitRequest>(prisma, config, config.kitAccessKey, {
    channel: "kit",
    path: input.path,
    rawBody: input.rawBody,
    requestBytes: input.requestBytes,
    bodyTooLarge: input.bodyTooLarge,
    nowMs: input.nowMs,
    nonce: input.headers.get("x-nonce"),
    successMsg: "Success",
    verify: (nowMs) =>
      verifyKit({
        accessKey: config.kitAccessKey,
        headers: kitHeadersFrom(input.headers),
        rawBody: input.rawBody,
        nowMs,
        windowMs: config.windowMs,
      }),
    checkSignatureParts: (nowMs) => {
      const h = kitHeadersFrom(input.headers);
      return checkSignatureParts(
        { signature: h.sign, timestamp: h.timestamp, nonce: h.nonce, nowMs, windowMs: config.windowMs },
        { signature: "x-sign", timestamp: "x-timestamp", nonce: "x-nonce" },
      );
    },
    parse: (json) => {
      if (!kind) return { ok: false, message: `path: unknown Kit interface ${input.path}` };
      const req = parseKitBody(kind, json);
      if (!req.ok) return { ok: false, message: req.message };
      const { ok: _ok, ...request } = req;
      return { ok: true, request: request as KitRequest, activity: kind, isTest: req.data.testFlag === 1 };
    },
    run: runKit,
  });
}
