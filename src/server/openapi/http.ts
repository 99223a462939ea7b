/**
 * The one HTTP call site for the marketplace open API. HTTPS with Node's default (strict)
 * certificate verification, as 查询订单 demands; plain HTTP only to a loopback host, for the local
 * mock. Every call has a timeout, and failures come back as a typed outcome, never a throw, so
 * callers decide what is retryable.
 */

export type HttpOutcome =
  | { kind: "response"; status: number; text: string }
  | { kind: "timeout" }
  | { kind: "network"; message: string };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function assertSafeEndpoint(url: URL): void {
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return;
  throw new Error(`open API endpoint must be https (http only for a local mock): ${url.origin}`);
}

export async function openApiRequest(
  url: URL,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<HttpOutcome> {
  assertSafeEndpoint(url);
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    return { kind: "response", status: res.status, text: await res.text() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError" || e.name === "AbortError") return { kind: "timeout" };
    return { kind: "network", message: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

/** Statuses a gateway or load balancer answers when the host itself is unavailable. */
const HOST_DOWN = new Set([502, 503, 504]);

/**
 * The same request to each URL in turn — the configured host, then the documented fallback host
 * (mkt.myhuaweicloud.cn) — within one time budget. Only a failed connection or a 502/503/504 moves
 * on to the next host; a timeout has used the budget up, and any other answer is the answer.
 */
export async function openApiRequestWithFallback(
  urls: readonly URL[],
  /** Built per URL: an APIG signature covers the Host header. */
  init: (url: URL) => { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  clock: () => number = Date.now,
): Promise<HttpOutcome & { url: URL }> {
  if (urls.length === 0) throw new Error("no open API URL");
  const deadline = clock() + timeoutMs;
  let last: (HttpOutcome & { url: URL }) | undefined;
  for (const url of urls) {
    const left = deadline - clock();
    if (last && left < 100) break;
    const out = await openApiRequest(url, init(url), last ? left : timeoutMs);
    last = { ...out, url };
    const hostDown = out.kind === "network" || (out.kind === "response" && HOST_DOWN.has(out.status));
    if (!hostDown) break;
  }
  return last!;
}

/** The URLs to try for a path: the endpoint, then the fallback endpoint when one is configured. */
export function openApiUrls(endpoint: string, fallbackEndpoint: string | undefined, pathAndQuery: string): URL[] {
  const bases = [endpoint, ...(fallbackEndpoint && fallbackEndpoint !== endpoint ? [fallbackEndpoint] : [])];
  return bases.map((b) => new URL(b.replace(/\/+$/, "") + pathAndQuery));
}
