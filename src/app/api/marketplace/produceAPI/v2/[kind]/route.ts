/**
 * 联营 Kit sync: the marketplace appends /produceAPI/v2/<interface> to the production address
 * (https://<your-domain>/api/marketplace). The protocol lives in src/server/marketplace.
 */
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { readLimitedBody } from "~/server/http/limited-body";
import { marketplaceConfig } from "~/server/marketplace/config";
import { handleKitCall } from "~/server/marketplace/kit-interface";
import { callBody } from "~/server/marketplace/pipeline";
import { withRequestId } from "~/server/observability/request-context";
import { withApiSecurityHeaders } from "~/server/security/api-headers";

export const dynamic = "force-dynamic";

async function post(request: Request): Promise<Response> {
  const body = await readLimitedBody(request, { limitBytes: getEnv().REQUEST_BODY_LIMIT_BYTES });
  const db = await ensureDatabaseReady();
  const url = new URL(request.url);
  const res = await handleKitCall(db.prisma, marketplaceConfig(), { ...callBody(body), headers: request.headers, path: url.pathname });
  return new Response(res.body, { status: res.status, headers: res.headers });
}

/**
 * Logs, the call-log row and the answer carry the request id (README "Operations: logs, health,
 * metrics"); src/proxy.ts skips this route, so it sets its own security headers.
 */
export const POST = withApiSecurityHeaders(withRequestId(post));
