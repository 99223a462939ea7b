/**
 * Staff sign-in: one ISV operator account from the environment (STAFF_USERNAME /
 * STAFF_PASSWORD), checked by the CredentialsProvider with id "staff".
 *
 * Why not a user table: the starter has exactly one operator role and must work right after
 * `npm start`; a database of staff accounts can replace `verifyStaffCredentials` later
 * without touching the rest of auth.
 *
 * Every attempt goes through staffSignIn (staff-sign-in.ts): throttled per client address and
 * username in the database, recorded, and a success opens a server-side StaffSession.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import credentialsModule from "next-auth/providers/credentials";
import { getEnv } from "~/env";
import { ensureDatabaseReady } from "~/server/db";
import { clientAddress, userAgentOf, type HeaderSource } from "./client-address";
import { interopDefault } from "./interop";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";
import type { StaffUser } from "./session-user";
import { lockedErrorCode } from "./staff-login-error";
import { staffSignIn, throttlePolicyFromEnv } from "./staff-sign-in";

const CredentialsProvider = interopDefault(credentialsModule);

export const STAFF_PROVIDER_ID = "staff";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * Compares sha256 digests with timingSafeEqual: digests have a fixed length, so neither the
 * length nor the first differing character of the secret shows in the response time. Both
 * fields are always compared, so timing does not tell which one was wrong either.
 */
export function verifyStaffCredentials(
  username: string,
  password: string,
  expected: { username: string; password: string } = {
    username: getEnv().STAFF_USERNAME,
    password: getEnv().STAFF_PASSWORD,
  },
): StaffUser | null {
  const userOk = timingSafeEqual(digest(username), digest(expected.username));
  const passOk = timingSafeEqual(digest(password), digest(expected.password));
  return userOk && passOk ? { kind: "staff", name: expected.username } : null;
}

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
    const env = getEnv();
    const headers = req?.headers as HeaderSource;
    const result = await staffSignIn(
      {
        db: (await ensureDatabaseReady()).prisma,
        policy: throttlePolicyFromEnv(env),
        verify: (u, p) => verifyStaffCredentials(u, p, { username: env.STAFF_USERNAME, password: env.STAFF_PASSWORD }),
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
    if (result.kind === "locked") throw new Error(lockedErrorCode(result.retryAfterSeconds));
    if (result.kind === "wrong_credentials") return null;
    return { id: `staff:${result.user.name}`, name: result.user.name, sessionUser: result.user, sessionId: result.sessionId };
  },
});
