/**
 * Drives the production interface the way KooGallery does: builds the body, signs it
 * (query signature/timestamp/nonce) and hands it to handleBaseCall.
 */
import { randomBytes } from "node:crypto";
import { canonicalPayload } from "~/koogallery/canonical-json";
import { signBase } from "~/koogallery/signature";
import type { PrismaClient } from "~/generated/prisma/client";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import type { MarketplaceConfig } from "~/server/marketplace/config";

export const TEST_ACCESS_KEY = "test-access-key-0123456789";

export function testConfig(over: Partial<MarketplaceConfig> = {}): MarketplaceConfig {
  return {
    accessKey: TEST_ACCESS_KEY,
    kitAccessKey: TEST_ACCESS_KEY,
    windowMs: 60_000,
    credentialEncryption: "1",
    newInstanceAppInfo: true,
    bodySign: false,
    frontEndUrl: "https://saas.example.com/",
    adminUrl: "https://saas.example.com/admin",
    ...over,
  };
}

export interface SignOptions {
  nowMs?: number;
  /** Timestamp to put in the query (defaults to nowMs). */
  timestampMs?: number;
  nonce?: string;
  accessKey?: string;
  /** Remove or override individual query parameters after signing. */
  query?: Record<string, string | null>;
  /** Alter the body after it was signed (tamper tests). */
  tamper?: (raw: string) => string;
}

export function signedRequest(body: Record<string, unknown> | string, opts: SignOptions = {}) {
  const nowMs = opts.nowMs ?? Date.now();
  const timestamp = String(opts.timestampMs ?? nowMs);
  const nonce = opts.nonce ?? randomBytes(32).toString("hex").toUpperCase();
  const raw = typeof body === "string" ? body : canonicalPayload(JSON.stringify(body));
  const signature = signBase({
    accessKey: opts.accessKey ?? TEST_ACCESS_KEY,
    nonce,
    timestamp,
    payload: raw,
  }).toUpperCase();
  const query = new URLSearchParams({ signature, timestamp, nonce });
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v === null) query.delete(k);
    else query.set(k, v);
  }
  return { rawBody: opts.tamper ? opts.tamper(raw) : raw, query, nowMs, nonce };
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: Record<string, unknown> & { resultCode: string; resultMsg: string };
}

export async function callBase(
  prisma: PrismaClient,
  body: Record<string, unknown> | string,
  opts: SignOptions & { config?: Partial<MarketplaceConfig> } = {},
): Promise<CallResult> {
  const req = signedRequest(body, opts);
  const res = await handleBaseCall(prisma, testConfig(opts.config), {
    rawBody: req.rawBody,
    query: req.query,
    path: "/api/marketplace",
    nowMs: req.nowMs,
  });
  return { status: res.status, headers: res.headers, text: res.body, json: JSON.parse(res.body) };
}

let seq = 0;
/** A fresh order for a newInstance call. */
export function newOrder(testFlag?: "0" | "1") {
  seq++;
  const stamp = `${Date.now().toString(36)}${seq}${randomBytes(2).toString("hex")}`.toUpperCase();
  return {
    activity: "newInstance",
    orderId: `CS${stamp}`,
    orderLineId: `CS${stamp}-000001`,
    businessId: `${randomBytes(16).toString("hex")}`,
    ...(testFlag ? { testFlag } : {}),
  };
}
