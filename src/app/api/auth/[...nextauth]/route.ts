/**
 * next-auth's endpoints (/api/auth/signin, /callback/staff, /session, /signout …).
 * Configuration lives in src/server/auth/config.ts.
 *
 * /api/auth/callback/oneaccess is the 联营账号 login callback (the 应用凭证's login URL): its
 * provider is built for the tenant of that request (src/server/auth/oneaccess-routes.ts).
 */
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getToken } from "next-auth/jwt";
import { getEnv } from "~/env";
import { authOptions, defaultNextAuthUrl } from "~/server/auth";
import { endSessionOf } from "~/server/auth/end-session";
import { ONEACCESS_PROVIDER_ID } from "~/server/auth/oneaccess-provider";
import { handleOneAccessCallback } from "~/server/auth/oneaccess-routes";
import { STAFF_PROVIDER_ID } from "~/server/auth/staff-provider";
import { ensureDatabaseReady } from "~/server/db";

export const dynamic = "force-dynamic";

const nextAuth = NextAuth(authOptions);

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/** A response that sets a (non-empty) session cookie: a sign-in succeeded. */
function setsSessionCookie(res: Response): boolean {
  return res.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]/.test(c));
}

async function handler(req: NextRequest, ctx: RouteContext): Promise<Response> {
  defaultNextAuthUrl();
  const [action, providerId] = (await ctx.params).nextauth ?? [];
  if (action === "callback" && providerId === ONEACCESS_PROVIDER_ID) {
    const db = await ensureDatabaseReady();
    return handleOneAccessCallback(req, ctx, db.prisma);
  }
  if (action === "callback" && providerId === STAFF_PROVIDER_ID && req.method === "POST") {
    // Signing in again replaces the browser's session: the old one must not live on in copies.
    const secureCookie = (process.env.NEXTAUTH_URL ?? getEnv().APP_URL).startsWith("https://");
    const previous = await getToken({ req, secret: getEnv().NEXTAUTH_SECRET, secureCookie });
    const res = (await nextAuth(req, ctx)) as Response;
    if (previous && setsSessionCookie(res)) await endSessionOf((await ensureDatabaseReady()).prisma, previous, "replaced");
    return res;
  }
  return nextAuth(req, ctx);
}

export { handler as GET, handler as POST };
