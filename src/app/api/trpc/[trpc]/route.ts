/**
 * tRPC over HTTP (fetch adapter) at /api/trpc/<procedure>. Routers: src/server/api/root.ts.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getEnv } from "~/env";
import { toTRPCError } from "~/server/api/error-shape";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { AppError } from "~/server/errors";
import { limitRequestBody } from "~/server/http/limited-body";
import { logger } from "~/server/observability/logger";
import { withRequestId } from "~/server/observability/request-context";
import { withApiSecurityHeaders } from "~/server/security/api-headers";

export const dynamic = "force-dynamic";

async function handler(original: Request): Promise<Response> {
  // POST bodies are read with REQUEST_BODY_LIMIT_BYTES. An oversized one never reaches tRPC:
  // every call of the request fails in createContext with BODY_TOO_LARGE, which tRPC answers in
  // its usual error shape with HTTP 413.
  const { req, tooLarge } = await limitRequestBody(original, getEnv().REQUEST_BODY_LIMIT_BYTES);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => {
      if (tooLarge) throw toTRPCError(new AppError("BODY_TOO_LARGE", `limit ${tooLarge.limitBytes} bytes`));
      return createTRPCContext({ headers: req.headers });
    },
    onError({ path, error }) {
      // Expected domain errors (AppError) are answers, not faults; log only the rest, with the
      // detail the client never sees.
      if (error.code === "INTERNAL_SERVER_ERROR") logger("trpc").error({ err: error.cause ?? error, path: path ?? null }, "call failed");
    },
  });
}

// Every call of the request logs with its X-Request-Id (one line per procedure:
// src/server/observability/procedure-log.ts, the middleware of every procedure builder).
// src/proxy.ts skips this route: it sets its own security headers.
const GET = withApiSecurityHeaders(withRequestId(handler));
export { GET, GET as POST };
