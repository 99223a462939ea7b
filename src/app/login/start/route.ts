/**
 * GET /login/start?tenant=<tenantId or tenantCode>[&next=<path>] — the direct 联营账号 login for a
 * known organisation: 302 to its OneAccess authorize endpoint with our state (see
 * oneaccess-routes.ts); after the sign-in the browser returns to `next` (redirect guard) or /app.
 * A value longer than the page allows is refused as too long (./tenant-input.ts); every refusal
 * returns to /login with the typed value, so the field keeps it, and with `next`.
 */
import type { NextRequest } from "next/server";
import { startDirectLogin } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";
import { backToLogin, TENANT_TOO_LONG, tenantTooLong, withTypedTenant } from "./tenant-input";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  const q = req.nextUrl.searchParams;
  const typed = q.get("tenant") ?? "";
  const next = q.get("next");
  if (tenantTooLong(typed)) return backToLogin(TENANT_TOO_LONG, typed, next);
  const db = await ensureDatabaseReady();
  return withTypedTenant(await startDirectLogin(db.prisma, typed, undefined, undefined, next), typed, next);
}
