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
