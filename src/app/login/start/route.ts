/**
 * GET /login/start?tenant=<tenantId or tenantCode> — the direct 联营账号 login for a known
 * organisation: 302 to its OneAccess authorize endpoint with our state (see oneaccess-routes.ts).
 */
import type { NextRequest } from "next/server";
import { startDirectLogin } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  const db = await ensureDatabaseReady();
  return startDirectLogin(db.prisma, req.nextUrl.searchParams.get("tenant") ?? "");
}
