/**
 * One log line per tRPC procedure call (src/server/api/trpc.ts uses it as a middleware), in the
 * request's context: the /api/trpc route sets it up from X-Request-Id; calls from server
 * components have no HTTP route of their own, so they get a fresh id here.
 * Success is `debug` (a busy console would flood `info`); a failure is `info` with its code —
 * the cause of an internal one is logged once, by the route's onError.
 */
import { logger } from "./logger";
import { currentRequestId, newRequestId, runWithRequestContext } from "./request-context";

interface ProcedureCall<R> {
  path: string;
  type: string;
  next: () => Promise<R>;
}

export function observeProcedure<R extends { ok: boolean; error?: unknown }>(call: ProcedureCall<R>): Promise<R> {
  const run = async () => {
    const started = performance.now();
    const result = await call.next();
    const durationMs = Math.round(performance.now() - started);
    const fields = { path: call.path, type: call.type, durationMs };
    if (result.ok) logger("trpc").debug(fields, "procedure answered");
    else {
      logger("trpc").info({ ...fields, code: (result.error as { code?: string } | undefined)?.code }, "procedure failed");
    }
    return result;
  };
  return currentRequestId() ? run() : runWithRequestContext({ requestId: newRequestId() }, run);
}
