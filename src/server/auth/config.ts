/**
 * next-auth (v4) options: JWT sessions, no database adapter.
 *
 * Two kinds of user sign in (session-user.ts):
 * - staff: the "staff" Credentials provider below (/admin/login), throttled and recorded; the JWT
 *   carries the id of a server-side StaffSession, checked on every request (staff-session.ts)
 *   and revoked by sign-out, so a copied cookie dies with it;
 * - customers (联营账号): a per-tenant OneAccess OAuth provider that exists only while its
 *   callback request runs (oneaccess-provider.ts builds it from the tenant's synced row,
 *   oneaccess-routes.ts runs next-auth with it). Their JWT carries the id of a server-side
 *   CustomerSession; the `jwt` callback below checks that row on every request (logout and
 *   revocation work on copied cookies) and refreshes the OneAccess tokens from it. This file's
 *   options are also what `getServerSession` uses in server components, where no provider is
 *   loaded — so nothing here may depend on the request's provider.
 *
 * EXTENSION POINTS
 * 1. Providers: add one to `providers`. Its user must carry `sessionUser` (a SessionUser,
 *    see session-user.ts): CredentialsProvider via `authorize`, OAuth providers via their
 *    `profile()` callback.
 * 2. `callbacks.jwt` is the only place a sign-in becomes a token.
 */
import type { NextAuthOptions } from "next-auth";
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { safeRedirectPath } from "~/server/security/redirect-guard";
import { customerJwt } from "./customer-session";
import { endSessionOf } from "./end-session";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";
import { isCustomerUser, isStaffUser } from "./session-user";
import { staffProvider } from "./staff-provider";
import { staffJwt } from "./staff-session";
import { recordAudit } from "~/server/staff/audit-log";

export { SESSION_MAX_AGE_SECONDS };

export const authOptions: NextAuthOptions = {
  // Read at use, not at import: tests change the environment, and `next build` imports this
  // file without production secrets.
  get secret() {
    return getEnv().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [staffProvider],
  pages: { signIn: "/admin/login", error: "/admin/login" },
  events: {
    // POST /api/auth/signout: the session row ends with the cookie, so copies of it die too.
    async signOut({ token }) {
      const db = (await ensureDatabaseReady()).prisma;
      await endSessionOf(db, token, "signout");
      // Staff sign-outs go to the audit log (sign-ins are in StaffLoginAttempt already).
      if (isStaffUser(token?.user)) {
        await recordAudit(db, { name: token.user.name, role: token.user.role ?? null, clientAddress: null }, { action: "staff.signout", target: token.user.name, nowMs: Date.now() });
      }
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      // `user` is only set on the sign-in request; later requests keep the stored token.user.
      if (user) {
        token.user = user.sessionUser;
        if (user.sessionId) token.sid = user.sessionId;
        return token;
      }
      // Alive only while their session row is (customer-session.ts, staff-session.ts).
      if (isCustomerUser(token.user)) return customerJwt(token);
      if (isStaffUser(token.user)) return staffJwt(token);
      return token;
    },
    /**
     * Where next-auth may send the browser (its callbackUrl parameter and cookie, sign-in and
     * sign-out): the one redirect guard, against next-auth's own base URL — a path of this app.
     */
    redirect({ url, baseUrl }) {
      const origin = new URL(baseUrl).origin;
      return `${origin}${safeRedirectPath(url, { fallback: "/", origin })}`;
    },
    session({ session, token }) {
      // Replace next-auth's default {name,email,image} with exactly our SessionUser.
      return { expires: session.expires, user: token.user, ...(token.ended ? { ended: token.ended } : {}) };
    },
  },
};
