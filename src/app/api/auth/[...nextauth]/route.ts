/**
 * next-auth's endpoints (/api/auth/signin, /callback/staff, /session, /signout …).
 * Configuration lives in src/server/auth/config.ts.
 */
import NextAuth from "next-auth";
import { authOptions, defaultNextAuthUrl } from "~/server/auth";

export const dynamic = "force-dynamic";

const nextAuth = NextAuth(authOptions);

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  defaultNextAuthUrl();
  return nextAuth(req, ctx);
}

export { handler as GET, handler as POST };
