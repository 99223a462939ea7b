/**
 * GET /login/start?tenant=<tenantId or tenantCode>[&next=<path>] — the direct 联营账号 login for a
 * known organisation: 302 to its OneAccess authorize endpoint with our state (see
 * oneaccess-routes.ts); after the sign-in the browser returns to `next` (redirect guard) or /app.
 */
import type { NextRequest } from "next/server";
import { startDirectLogin } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  const db = await ensureDatabaseReady();
  const q = req.nextUrl.searchParams;
  return startDirectLogin(db.prisma, q.get("tenant") ?? "", undefined, undefined, q.get("next"));
}
