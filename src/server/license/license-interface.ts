/**
 * The License callbacks (License授权码交付接口): refreshLicenseCode, updateLicenseCodeStatus and
 * releaseLicenseCode, POSTed by the marketplace and signed exactly like the base interface (query
 * signature/timestamp/nonce) but with the key bound to License授权码交付接口. They run through the
 * same pipeline as the base interface (src/server/marketplace/pipeline.ts: persisted before
 * acknowledged, nonce store, call log, answers) on the channel "license".
 *
 * They are accepted at the production address itself (/api/marketplace dispatches on `activity`,
 * one address bound to a key per interface type) and at /api/marketplace/license, for an ISV
 * that registers a separate address. Framework-free: the routes pass the raw body and query in.
 */
import { parseJsonValue } from "~/koogallery/canonical-json";
import { isLicenseActivity, parseLicenseBody, type LicenseRequest } from "~/koogallery/license-schemas";
import { isPlainObject } from "~/koogallery/schema-helpers";
import type { PrismaClient } from "~/generated/prisma/client";
import type { BaseCallInput } from "~/server/marketplace/base-interface";
import type { MarketplaceConfig } from "~/server/marketplace/config";
import type { ActivityContext, ActivityResult } from "~/server/marketplace/context";
import { runPipeline, type MarketplaceHttpResponse } from "~/server/marketplace/pipeline";
import { refreshLicenseCode } from "./callbacks/refresh-license-code";
import { releaseLicenseCode } from "./callbacks/release-license-code";
import { updateLicenseCodeStatus } from "./callbacks/update-license-code-status";
import { querySignature } from "~/server/marketplace/query-signature";

/** The key License calls are verified with (and Body-Sign'd with, when that is on). */
export function licenseAccessKey(config: MarketplaceConfig): string {
  return config.licenseAccessKey ?? config.accessKey;
}

/** Whether a raw body names a License activity (how the shared production address dispatches). */
export function isLicenseCallBody(rawBody: string): boolean {
  try {
    const json = parseJsonValue(rawBody);
    return isPlainObject(json) && isLicenseActivity(json.activity);
  } catch {
    return false;
  }
}

export function runLicense(ctx: ActivityContext, req: LicenseRequest): Promise<ActivityResult> {
  switch (req.activity) {
    case "refreshLicenseCode":
      return refreshLicenseCode(ctx, req.data);
    case "updateLicenseCodeStatus":
      return updateLicenseCodeStatus(ctx, req.data);
    case "releaseLicenseCode":
      return releaseLicenseCode(ctx, req.data);
  }
}

export function handleLicenseCall(prisma: PrismaClient, config: MarketplaceConfig, input: BaseCallInput): Promise<MarketplaceHttpResponse> {
  const accessKey = licenseAccessKey(config);
  return runPipeline<LicenseRequest>(prisma, config, accessKey, {
    channel: "license",
    path: input.path,
    rawBody: input.rawBody,
    requestBytes: input.requestBytes,
    bodyTooLarge: input.bodyTooLarge,
    nowMs: input.nowMs,
    successMsg: "success.",
    // Signed exactly like the base interface, with the License key.
    ...querySignature(accessKey, config.windowMs, input),
    parse: (json) => {
      const req = parseLicenseBody(json);
      if (!req.ok) return { ok: false, message: req.message };
      const { ok: _ok, ...request } = req;
      return { ok: true, request: request as LicenseRequest, activity: req.activity, isTest: req.data.testFlag === "1" };
    },
    run: runLicense,
  });
}
