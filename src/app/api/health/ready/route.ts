/**
 * Readiness: GET /api/health/ready runs `SELECT 1` through the app's database within
 * HEALTH_READY_TIMEOUT_MS; 200 when it answers, 503 with the reason when not. Load balancers
 * route by this (README "Operations: logs, health, metrics").
 */
import { databaseReadiness, healthResponse } from "~/server/observability/health";
import { withRequestId } from "~/server/observability/request-context";

export const dynamic = "force-dynamic";

export const GET = withRequestId(async () => healthResponse(await databaseReadiness()));
