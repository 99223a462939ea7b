/**
 * next-auth (v4) options: JWT sessions, no database adapter.
 *
 * Two kinds of user sign in (session-user.ts):
 * - staff: the "staff" Credentials provider below (/admin/login);
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
import { customerJwt } from "./customer-session";
import { isCustomerUser } from "./session-user";
import { staffProvider } from "./staff-provider";

/** Staff sessions are short: the account can see every tenant's marketplace traffic. Customer sessions end at the same age. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  // Read at use, not at import: tests change the environment, and `next build` imports this
  // file without production secrets.
  get secret() {
    return getEnv().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [staffProvider],
  pages: { signIn: "/admin/login", error: "/admin/login" },
  callbacks: {
    async jwt({ token, user }) {
      // `user` is only set on the sign-in request; later requests keep the stored token.user.
      if (user) {
        token.user = user.sessionUser;
        return token;
      }
      // Customers: alive only while their CustomerSession row is (customer-session.ts).
      if (isCustomerUser(token.user)) return customerJwt(token);
      return token;
    },
    session({ session, token }) {
      // Replace next-auth's default {name,email,image} with exactly our SessionUser.
      return { expires: session.expires, user: token.user, ...(token.ended ? { ended: token.ended } : {}) };
    },
  },
};
