/**
 * Staff sign-in: the staff accounts in the database (src/server/staff/accounts.ts), checked by
 * the CredentialsProvider with id "staff". The environment credential (STAFF_USERNAME /
 * STAFF_PASSWORD) becomes the first owner on the first sign-in (README "Staff accounts and roles").
 *
 * Every attempt goes through staffSignIn (staff-sign-in.ts): throttled per client address and
 * username in the database, recorded, and a success opens a server-side StaffSession.
 */
import credentialsModule from "next-auth/providers/credentials";
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { ensureFirstOwner, verifyStaffAccount } from "~/server/staff/accounts";
import { clientAddress, userAgentOf, type HeaderSource } from "./client-address";
import { interopDefault } from "./interop";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";
import { logger } from "~/server/observability/logger";
import { lockedErrorCode, STAFF_SIGN_IN_FAILED } from "./staff-login-error";
import { staffSignIn, throttlePolicyFromEnv, type StaffSignInResult } from "./staff-sign-in";

const CredentialsProvider = interopDefault(credentialsModule);

export const STAFF_PROVIDER_ID = "staff";

export const staffProvider = CredentialsProvider({
  id: STAFF_PROVIDER_ID,
  name: "Staff",
  credentials: {
    username: { label: "Username", type: "text" },
    password: { label: "Password", type: "password" },
  },
  // Returning null makes next-auth answer with error "CredentialsSignin"; a thrown error's message
  // becomes the error code (StaffLocked:<seconds>). The login form shows both.
  async authorize(credentials, req) {
    let result: StaffSignInResult;
    try {
      result = await attempt(credentials, req?.headers as HeaderSource);
    } catch (err) {
      // next-auth puts a thrown error's message into the redirect URL: never a database's text.
      logger("auth").error({ err }, "staff sign-in failed unexpectedly");
      throw new Error(STAFF_SIGN_IN_FAILED);
    }
    if (result.kind === "locked") throw new Error(lockedErrorCode(result.retryAfterSeconds));
    if (result.kind === "wrong_credentials") return null;
    return { id: `staff:${result.user.name}`, name: result.user.name, sessionUser: result.user, sessionId: result.sessionId };
  },
});

async function attempt(credentials: Partial<Record<"username" | "password", unknown>> | undefined, headers: HeaderSource): Promise<StaffSignInResult> {
  const env = getEnv();
  const db = (await ensureDatabaseReady()).prisma;
  return staffSignIn(
    {
      db,
      policy: throttlePolicyFromEnv(env),
      bootstrap: (nowMs) => ensureFirstOwner(db, { userName: env.STAFF_USERNAME, password: env.STAFF_PASSWORD }, nowMs),
      verify: async (u, p) => {
        const account = await verifyStaffAccount(db, u, p);
        return account ? { kind: "staff", name: account.name, role: account.role } : null;
      },
      sessionMaxAgeSeconds: SESSION_MAX_AGE_SECONDS,
    },
    {
      userName: typeof credentials?.username === "string" ? credentials.username : "",
      password: typeof credentials?.password === "string" ? credentials.password : "",
      clientAddress: clientAddress(headers, env.TRUSTED_PROXY_COUNT),
      userAgent: userAgentOf(headers),
      nowMs: Date.now(),
    },
  );
}
