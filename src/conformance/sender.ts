/**
 * Builds each request exactly as the marketplace signs it (src/koogallery/client.ts), with a
 * fresh timestamp and nonce every time, applies a hostile variant's change, and sends it over a
 * real socket (fetch). Transport is injectable for unit tests.
 */
import { stringifyTopSorted } from "../koogallery/canonical-json";
import { signedBaseRequest, signedKitRequest, type SignedRequest } from "../koogallery/client";
import { kitPath } from "../koogallery/kit-schemas";
import type { ConformanceCase } from "./case-types";

export interface Keys {
  base: string;
  kit: string;
  license: string;
}

export interface HttpAnswer {
  /** 0 when no HTTP answer arrived (see error). */
  status: number;
  contentType: string;
  text: string;
  ms: number;
  error?: string;
}

export type Transport = (req: SignedRequest, timeoutMs: number) => Promise<HttpAnswer>;

/** How far outside the signature window the stale/future variants are (the default window is 60 s). */
export const SKEW_MS = 10 * 60_000;
/** The console's own time limit for one call (V2 FAQ: 20 s). */
export const DEFAULT_TIMEOUT_MS = 20_000;

const TAMPER_SUFFIX = "-tampered";

function keyFor(c: ConformanceCase, keys: Keys): string {
  return c.channel === "kit" ? keys.kit : c.channel === "license" ? keys.license : keys.base;
}

/** Base and License bodies are sent with sorted top-level keys, Kit bodies in document order. */
function serialise(c: ConformanceCase, body: Record<string, unknown>): string {
  return c.channel === "kit" ? JSON.stringify(body) : stringifyTopSorted(body);
}

export function buildRequest(c: ConformanceCase, body: Record<string, unknown>, url: string, keys: Keys, nowMs: number): SignedRequest {
  const text = serialise(c, body);
  const signingNow = c.attack === "stale" ? nowMs - SKEW_MS : c.attack === "future" ? nowMs + SKEW_MS : nowMs;
  const accessKey = c.attack === "wrong-key" ? `${keyFor(c, keys)}-not-this-key` : keyFor(c, keys);
  const req =
    c.channel === "kit"
      ? signedKitRequest({ baseUrl: url, path: kitPath(c.kitKind!), accessKey, body: text, nowMs: signingNow })
      : signedBaseRequest({ baseUrl: url, accessKey, body: text, nowMs: signingNow });
  if (c.attack === "tamper") {
    const field = c.tamperField!;
    return { ...req, body: serialise(c, { ...body, [field]: `${String(body[field] ?? "")}${TAMPER_SUFFIX}` }) };
  }
  if (c.attack === "no-signature" || c.attack === "no-timestamp") {
    const part = c.attack === "no-signature" ? "signature" : "timestamp";
    if (c.channel === "kit") {
      const headers = { ...req.headers };
      delete headers[part === "signature" ? "x-sign" : "x-timestamp"];
      return { ...req, headers };
    }
    const u = new URL(req.url);
    u.searchParams.delete(part);
    return { ...req, url: u.toString() };
  }
  return req;
}

/** fetch over a real socket; a network failure or timeout is an answer with status 0. */
export const httpTransport: Transport = async (req, timeoutMs) => {
  const started = performance.now();
  try {
    const res = await fetch(req.url, { method: "POST", headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { status: 0, contentType: "", text: "", ms: Math.round(performance.now() - started), error: reason };
  }
};
