/**
 * Request ids without Node-only imports, so src/proxy.ts can use them too: an incoming
 * X-Request-Id is kept when it is 1–128 characters of [A-Za-z0-9._:+/=-] (UUIDs, load balancer
 * and tracing ids), since anything else could forge a log line or a header; otherwise a new UUID.
 */
export const REQUEST_ID_HEADER = "x-request-id";
const SANE_REQUEST_ID = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/** The incoming id when it is sane, else null (the caller then makes one). */
export function sanitizeRequestId(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const id = raw.trim();
  return SANE_REQUEST_ID.test(id) ? id : null;
}

export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The id for a request with these headers: its own X-Request-Id if sane, else a new one. */
export function requestIdFrom(headers: { get(name: string): string | null }): string {
  return sanitizeRequestId(headers.get(REQUEST_ID_HEADER)) ?? newRequestId();
}
