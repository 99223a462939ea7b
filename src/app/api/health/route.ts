/**
 * Liveness: GET /api/health answers 200 at once (version, commit) without touching the database.
 * GET /api/health?ready=1 is the readiness check, the same as /api/health/ready: the one a load
 * balancer should route by (README "Operations: logs, health, metrics").
 */
import { databaseReadiness, healthResponse, liveness } from "~/server/observability/health";
import { withRequestId } from "~/server/observability/request-context";

export const dynamic = "force-dynamic";

export const GET = withRequestId(async (request: Request) => {
  const ready = new URL(request.url).searchParams.get("ready");
  if (ready !== null && ready !== "0") return healthResponse(await databaseReadiness());
  return healthResponse(liveness());
});
