/**
 * next-auth (v4) options: JWT sessions, no database adapter.
 *
 * EXTENSION POINTS
 * 1. Providers: add one to `providers`. Its user must carry `sessionUser` (a SessionUser,
 *    see session-user.ts): CredentialsProvider via `authorize`, OAuth providers via their
 *    `profile()` callback. The per-tenant OneAccess provider (later issue) returns
 *    `{ kind: "customer", tenantId, userName, role, instanceId }` there; because its
 *    endpoints differ per tenant, expect it to be built per request from the tenant row.
 * 2. `callbacks.jwt` is the only place a sign-in becomes a token; refreshing customer roles
 *    from the database on each request would go there too.
 */
import type { NextAuthOptions } from "next-auth";
import { getEnv } from "~/env";
import { staffProvider } from "./staff-provider";

/** Staff sessions are short: the account can see every tenant's marketplace traffic. */
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
    jwt({ token, user }) {
      // `user` is only set on the sign-in request; later requests keep the stored token.user.
      if (user) token.user = user.sessionUser;
      return token;
    },
    session({ session, token }) {
      // Replace next-auth's default {name,email,image} with exactly our SessionUser.
      return { expires: session.expires, user: token.user };
    },
  },
};
