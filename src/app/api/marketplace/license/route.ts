/**
 * License callbacks (refreshLicenseCode, updateLicenseCodeStatus, releaseLicenseCode) on an
 * address of their own: https://<your-domain>/api/marketplace/license. The production address
 * /api/marketplace accepts them too (it dispatches on `activity`); register whichever your seller
 * centre setup needs (README "License products"). The protocol lives in src/server/license.
 */
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { readLimitedBody } from "~/server/http/limited-body";
import { handleLicenseCall } from "~/server/license/license-interface";
import { marketplaceConfig } from "~/server/marketplace/config";
import { callBody } from "~/server/marketplace/pipeline";
import { withRequestId } from "~/server/observability/request-context";
import { withApiSecurityHeaders } from "~/server/security/api-headers";

export const dynamic = "force-dynamic";

async function post(request: Request): Promise<Response> {
  // The raw text, not request.json(): the signature covers the literals as sent; read with the
  // size limit like the production address (an oversized body is never held whole).
  const body = await readLimitedBody(request, { limitBytes: getEnv().REQUEST_BODY_LIMIT_BYTES });
  const db = await ensureDatabaseReady();
  const url = new URL(request.url);
  const res = await handleLicenseCall(db.prisma, marketplaceConfig(), { ...callBody(body), query: url.searchParams, path: url.pathname });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

/**
 * Logs, the call-log row and the answer carry the request id (README "Operations: logs, health,
 * metrics"); src/proxy.ts skips this route, so it sets its own security headers.
 */
export const POST = withApiSecurityHeaders(withRequestId(post));
