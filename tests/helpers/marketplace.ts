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

// ---------------------------------------------------------------------------------------------
// Kit sync calls (headers x-sign / x-timestamp / x-nonce on /produceAPI/v2/<kind>)

import { generateKeyPairSync } from "node:crypto";
import { signedKitRequest } from "~/koogallery/client";
import { handleKitCall } from "~/server/marketplace/kit-interface";

let cachedKeys: { publicKey: string; privateKey: string } | undefined;
/** One 3072-bit RSA pair per test process (generation takes ~1 s). */
export function testRsaKeys() {
  cachedKeys ??= generateKeyPairSync("rsa", {
    modulusLength: 3072,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return cachedKeys;
}

export async function callKit(
  prisma: PrismaClient,
  kind: string,
  body: Record<string, unknown> | string,
  opts: {
    /** Signing time (default now). */
    nowMs?: number;
    /** The receiver's clock (default: the signing time). */
    receivedAtMs?: number;
    nonce?: string;
    accessKey?: string;
    headers?: Record<string, string | null>;
    config?: Partial<MarketplaceConfig>;
  } = {},
): Promise<CallResult> {
  const nowMs = opts.nowMs ?? Date.now();
  const req = signedKitRequest({
    baseUrl: "https://isv.example.com/api/marketplace",
    path: `/produceAPI/v2/${kind}`,
    accessKey: opts.accessKey ?? TEST_ACCESS_KEY,
    body,
    nowMs,
    nonce: opts.nonce,
  });
  const headers = new Headers(req.headers);
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === null) headers.delete(k);
    else headers.set(k, v);
  }
  const res = await handleKitCall(prisma, testConfig({ rsaPrivateKey: testRsaKeys().privateKey, ...opts.config }), {
    rawBody: req.body,
    headers,
    path: new URL(req.url).pathname,
    nowMs: opts.receivedAtMs ?? nowMs,
  });
  return { status: res.status, headers: res.headers, text: res.body, json: JSON.parse(res.body) };
}

/** yyyyMMddHHmmssSSS in UTC+8, as Kit bodies carry it. */
export function kitTimeStamp(d = new Date()): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return t.replace(/[-:TZ.]/g, "").slice(0, 17);
}
