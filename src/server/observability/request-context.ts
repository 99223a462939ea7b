/**
 * The request id every log line of a request carries (README "Operations: logs, health, metrics").
 *
 * Taken from an incoming `X-Request-Id` when it is sane (1–128 characters of [A-Za-z0-9._:+/=-]:
 * what load balancers and tracing headers use, and nothing that could forge a log line or a
 * header), else a fresh UUID; answered in the response's X-Request-Id and stored on the call-log
 * row. It travels in an AsyncLocalStorage, so deep code (pipeline, billing, the worker) logs with
 * it without passing it along.
 *
 * The storage lives on globalThis: Next.js bundles each route and instrumentation separately, and
 * every copy of this module must see the same context.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

export { newRequestId, REQUEST_ID_HEADER, requestIdFrom, sanitizeRequestId } from "./request-id";

export interface RequestContext {
  requestId: string;
}

const globalForContext = globalThis as unknown as { __kooRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.__kooRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with `ctx` as the current request context (also for worker cycles: "worker-<uuid>"). */
export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Wraps a route handler: the request runs inside its context, and the answer carries the id.
 * Responses with immutable headers (Response.redirect …) are copied to add it.
 */
export function withRequestId<A extends unknown[]>(
  handler: (request: Request, ...rest: A) => Promise<Response>,
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const requestId = requestIdFrom(request.headers);
    const response = await runWithRequestContext({ requestId }, () => handler(request, ...rest));
    return withRequestIdHeader(response, requestId);
  };
}

export function withRequestIdHeader(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}
