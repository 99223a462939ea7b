/**
 * The production address to register in the KooGallery seller console:
 *   https://<your-domain>/api/marketplace
 * All base-interface activities arrive here; the protocol lives in src/server/marketplace.
 */
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { readLimitedBody } from "~/server/http/limited-body";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { marketplaceConfig } from "~/server/marketplace/config";
import { callBody } from "~/server/marketplace/pipeline";
import { withRequestId } from "~/server/observability/request-context";
import { withApiSecurityHeaders } from "~/server/security/api-headers";

export const dynamic = "force-dynamic";

async function post(request: Request): Promise<Response> {
  // The raw text, not request.json(): the signature covers the literals as sent. Read with the
  // size limit: an oversized body is answered from its first bytes, never held whole.
  const body = await readLimitedBody(request, { limitBytes: getEnv().REQUEST_BODY_LIMIT_BYTES });
  const db = await ensureDatabaseReady();
  const url = new URL(request.url);
  const res = await handleBaseCall(db.prisma, marketplaceConfig(), {
    ...callBody(body),
    query: url.searchParams,
    path: url.pathname,
  });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

/**
 * Logs, the call-log row and the answer carry the request id (README "Operations: logs, health,
 * metrics"); src/proxy.ts skips this route, so it sets its own security headers.
 */
export const POST = withApiSecurityHeaders(withRequestId(post));
