/**
 * next-auth's endpoints (/api/auth/signin, /callback/staff, /session, /signout …).
 * Configuration lives in src/server/auth/config.ts.
 *
 * /api/auth/callback/oneaccess is the 联营账号 login callback (the 应用凭证's login URL): its
 * provider is built for the tenant of that request (src/server/auth/oneaccess-routes.ts).
 */
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions, defaultNextAuthUrl } from "~/server/auth";
import { ONEACCESS_PROVIDER_ID } from "~/server/auth/oneaccess-provider";
import { handleOneAccessCallback } from "~/server/auth/oneaccess-routes";
import { ensureDatabaseReady } from "~/server/db";

export const dynamic = "force-dynamic";

const nextAuth = NextAuth(authOptions);

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

async function handler(req: NextRequest, ctx: RouteContext): Promise<Response> {
  defaultNextAuthUrl();
  const [action, providerId] = (await ctx.params).nextauth ?? [];
  if (action === "callback" && providerId === ONEACCESS_PROVIDER_ID) {
    const db = await ensureDatabaseReady();
    return handleOneAccessCallback(req, ctx, db.prisma);
  }
  return nextAuth(req, ctx);
}

export { handler as GET, handler as POST };
