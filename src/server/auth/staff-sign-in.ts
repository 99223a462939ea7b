/**
 * One staff sign-in attempt, start to end (called by the "staff" provider's authorize):
 * throttle (staff-throttle.ts) → first owner from the environment if none (bootstrap) → password check → on success a StaffSession row
 * (staff-session.ts) and the counters reset → the attempt recorded (staff-login-log.ts).
 * Everything is in the database and the clock is a parameter, so tests drive it directly.
 */
import type { Env } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
import { storableText } from "~/server/db/safe-text";
import { pruneSignInAttempts, recordSignInAttempt } from "./staff-login-log";
import { createStaffSession } from "./staff-session";
import { claimSignInAttempt, pruneThrottleCounters, resetSignInCounters, type ThrottlePolicy } from "./staff-throttle";
import type { StaffUser } from "./session-user";

export type StaffSignInDb = Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "staffSession" | "staffLoginAttempt" | "staffLoginThrottle">;

export interface StaffSignInInput {
  userName: string;
  password: string;
  clientAddress: string;
  userAgent: string | null;
  nowMs: number;
}

export type StaffSignInResult =
  | { kind: "signed_in"; user: StaffUser; sessionId: string }
  | { kind: "wrong_credentials" }
  | { kind: "locked"; scope: "address" | "user"; retryAfterSeconds: number };

export interface StaffSignInDeps {
  db: StaffSignInDb;
  policy: ThrottlePolicy;
  /** Creates the first owner from the environment credential if there is none (accounts.ts). */
  bootstrap?: (nowMs: number) => Promise<unknown>;
  /** The credential check against the staff accounts (verifyStaffAccount). */
  verify: (userName: string, password: string) => Promise<StaffUser | null>;
  sessionMaxAgeSeconds: number;
}

export function throttlePolicyFromEnv(env: Pick<Env, "STAFF_LOGIN_ADDRESS_LIMIT" | "STAFF_LOGIN_USER_LIMIT" | "STAFF_LOGIN_LOCK_MINUTES">): ThrottlePolicy {
  return { addressLimit: env.STAFF_LOGIN_ADDRESS_LIMIT, userLimit: env.STAFF_LOGIN_USER_LIMIT, lockMs: env.STAFF_LOGIN_LOCK_MINUTES * 60_000 };
}

export async function staffSignIn(deps: StaffSignInDeps, input: StaffSignInInput): Promise<StaffSignInResult> {
  const { db, policy } = deps;
  const { nowMs } = input;
  // Counted and recorded as storable text (NUL and unpaired surrogates → U+FFFD): PostgreSQL
  // refuses them, and a typed username holding one must still be throttled and recorded. The
  // password check gets the username as typed (verifyStaffAccount finds no account for it).
  const userName = storableText(input.userName);
  const clientAddress = storableText(input.clientAddress);
  const who = { userName, address: clientAddress, nowMs };
  const record = { userName, clientAddress, userAgent: input.userAgent === null ? null : storableText(input.userAgent), nowMs };

  const decision = await claimSignInAttempt(db, who, policy);
  if (!decision.allowed) {
    // Rounded up: "wait 0 seconds" would invite an immediate, refused retry.
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    await recordSignInAttempt(db, { ...record, outcome: decision.scope === "address" ? "locked_address" : "locked_user", retryAfterSeconds });
    return { kind: "locked", scope: decision.scope, retryAfterSeconds };
  }

  // Only attempts the throttle let through get here, so this housekeeping is bounded too.
  await pruneSignInAttempts(db, nowMs);
  await pruneThrottleCounters(db, nowMs, policy);

  await deps.bootstrap?.(nowMs);
  const user = await deps.verify(input.userName, input.password);
  if (!user) {
    await recordSignInAttempt(db, { ...record, outcome: "wrong_credentials" });
    return { kind: "wrong_credentials" };
  }
  await resetSignInCounters(db, who);
  const sessionId = await createStaffSession(db, {
    userName: user.name,
    clientAddress,
    maxAgeSeconds: deps.sessionMaxAgeSeconds,
    nowMs,
  });
  await recordSignInAttempt(db, { ...record, outcome: "success", sessionId });
  return { kind: "signed_in", user, sessionId };
}
