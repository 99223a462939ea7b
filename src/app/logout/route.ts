/**
 * POST /logout — customer sign-out: revokes the server-side session, deletes the cookie and
 * goes through the tenant's OneAccess logout back to /login?signedOut=1 (oneaccess-routes.ts).
 * POST only: a link or an image on another site cannot sign the user out.
 */
import type { NextRequest } from "next/server";
import { defaultNextAuthUrl } from "~/server/auth";
import { customerLogout } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest): Promise<Response> {
  defaultNextAuthUrl();
  const db = await ensureDatabaseReady();
  return customerLogout(req, db.prisma);
}
