/**
 * Drives the License callbacks the way KooGallery does: a signed POST (query signature/timestamp/
 * nonce, the key bound to License授权码交付接口) into handleLicenseCall, or into the shared
 * production address (handleBaseCall, which dispatches on `activity`).
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import { handleLicenseCall } from "~/server/license/license-interface";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import type { MarketplaceConfig } from "~/server/marketplace/config";
import { signedRequest, testConfig, TEST_ACCESS_KEY, type CallResult, type SignOptions } from "./marketplace";

export const TEST_LICENSE_KEY = "test-license-key-9876543210";

export interface LicenseCallOptions extends SignOptions {
  config?: Partial<MarketplaceConfig>;
  /** "license" (default): /api/marketplace/license; "shared": the production address /api/marketplace. */
  address?: "license" | "shared";
}

export async function callLicense(prisma: PrismaClient, body: Record<string, unknown> | string, opts: LicenseCallOptions = {}): Promise<CallResult> {
  const req = signedRequest(body, { accessKey: TEST_LICENSE_KEY, ...opts });
  const config = testConfig({ licenseAccessKey: TEST_LICENSE_KEY, ...opts.config });
  const input = { rawBody: req.rawBody, query: req.query, nowMs: req.nowMs };
  const res =
    opts.address === "shared"
      ? await handleBaseCall(prisma, config, { ...input, path: "/api/marketplace" })
      : await handleLicenseCall(prisma, config, { ...input, path: "/api/marketplace/license" });
  return { status: res.status, headers: res.headers, text: res.body, json: JSON.parse(res.body) };
}

export { TEST_ACCESS_KEY };

let seq = 0;
/** A fresh code, as the marketplace would generate it. */
export function newLicenseCode(prefix = "LIC"): string {
  seq++;
  return `${prefix}-${Date.now().toString(36)}${seq}-${randomBytes(4).toString("hex")}`.toUpperCase();
}

/** A renewal order for a code (a new order per renewal, as the marketplace does). */
export function renewal(license: string, expireTime: string, extra: Record<string, unknown> = {}) {
  const id = `CSR${randomBytes(5).toString("hex").toUpperCase()}`;
  return { activity: "refreshLicenseCode", scene: "RENEWAL", orderId: id, orderLineId: `${id}-000001`, license, expireTime, ...extra };
}

export const freeze = (license: string, extra: Record<string, unknown> = {}) => ({ activity: "updateLicenseCodeStatus", license, status: "FREEZE", ...extra });
export const unfreeze = (license: string, extra: Record<string, unknown> = {}) => ({ activity: "updateLicenseCodeStatus", license, status: "UNFREEZE", ...extra });
export const release = (license: string, extra: Record<string, unknown> = {}) => ({ activity: "releaseLicenseCode", license, ...extra });
