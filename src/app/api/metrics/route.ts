/**
 * GET /api/metrics: Prometheus text format (src/server/observability/metrics.ts). Off unless
 * METRICS_TOKEN or METRICS_ALLOW_CIDRS is set; see README "Operations: logs, health, metrics".
 */
import { getEnv } from "~/env";
import { getDatabase } from "~/server/db";
import { metricsAccess } from "~/server/observability/metrics-access";
import { collectDatabaseGauges, METRICS_CONTENT_TYPE, metricsText } from "~/server/observability/metrics";
import { withRequestId } from "~/server/observability/request-context";

export const dynamic = "force-dynamic";

export const GET = withRequestId(async (request: Request) => {
  const env = getEnv();
  const access = metricsAccess(request.headers, { token: env.METRICS_TOKEN, allowCidrs: env.METRICS_ALLOW_CIDRS, trustedProxyCount: env.TRUSTED_PROXY_COUNT });
  if (!access.ok) {
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (access.status === 401) headers["www-authenticate"] = 'Bearer realm="metrics"';
    return new Response(`${access.reason}\n`, { status: access.status, headers });
  }
  await collectDatabaseGauges(getDatabase().prisma);
  return new Response(await metricsText(), { status: 200, headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } });
});
