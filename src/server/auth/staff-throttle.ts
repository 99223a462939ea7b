/**
 * Staff sign-in throttling and lockout, in the database so that every replica agrees.
 *
 * Two counters per attempt: the client address ("address") and the typed username ("user").
 * Each is one row moved by ONE conditional upsert, so concurrent attempts on any number of
 * processes are serialised by the row lock, and no two of them can take the same slot:
 * - an attempt is counted BEFORE the password is checked, so a burst of parallel attempts
 *   cannot all slip through while the failures are still being written;
 * - the first `limit` attempts within the window are let through to the password check, the
 *   next one locks the counter for `lockMs`, and every attempt while locked is refused (and
 *   changes nothing, so the lock is not extended by an attacker's retries);
 * - a correct password resets both counters (normal use never accumulates);
 * - after the window (or the lock) has passed, the next attempt starts a fresh window.
 * The per-address limit is the lower one: a single attacker locks only their own address, not
 * the staff account; the per-username limit stops a guess spread over many addresses.
 *
 * The clock is a parameter (nowMs); nothing is kept in process memory.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

export type ThrottleScope = "address" | "user";

export interface ThrottlePolicy {
  /** Attempts let through per client address within the window. */
  addressLimit: number;
  /** Attempts let through per username within the window. */
  userLimit: number;
  /** Counting window, and how long a counter stays locked once it passed its limit. */
  lockMs: number;
}

export type ThrottleDb = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

export type ThrottleDecision = { allowed: true } | { allowed: false; scope: ThrottleScope; retryAfterMs: number };

/** Usernames are counted case-insensitively and trimmed: "Admin " and "admin" share a counter. */
export function throttleUserKey(userName: string): string {
  return userName.trim().toLowerCase().slice(0, 128);
}

interface CounterRow {
  lockedUntil: Date | null;
}

/** Counts one attempt on one counter; answers the lock end if the attempt is refused. */
async function count(db: ThrottleDb, scope: ThrottleScope, key: string, limit: number, lockMs: number, nowMs: number): Promise<Date | null> {
  const now = new Date(nowMs).toISOString();
  const windowFloor = new Date(nowMs - lockMs).toISOString();
  const lockEnd = new Date(nowMs + lockMs).toISOString();
  // In ON CONFLICT … DO UPDATE every t."…" is the row as it was: the three CASEs decide together.
  //   locked (lockedUntil > now)          → unchanged, refused
  //   lock over, or window over           → a fresh window with this attempt as the first
  //   within the window                   → one more; past the limit → locked until now + lockMs
  const rows = await db.$queryRaw<CounterRow[]>`
    INSERT INTO "StaffLoginThrottle" AS t ("scope", "key", "attempts", "windowStartedAt", "lockedUntil", "updatedAt")
    VALUES (${scope}, ${key}, 1, ${now}::text::timestamp(3),
            CASE WHEN 1 > ${limit} THEN ${lockEnd}::text::timestamp(3) END, ${now}::text::timestamp(3))
    ON CONFLICT ("scope", "key") DO UPDATE SET
      "attempts" = CASE
        WHEN t."lockedUntil" > ${now}::text::timestamp(3) THEN t."attempts"
        WHEN t."lockedUntil" IS NOT NULL OR t."windowStartedAt" <= ${windowFloor}::text::timestamp(3) THEN 1
        ELSE t."attempts" + 1 END,
      "windowStartedAt" = CASE
        WHEN t."lockedUntil" > ${now}::text::timestamp(3) THEN t."windowStartedAt"
        WHEN t."lockedUntil" IS NOT NULL OR t."windowStartedAt" <= ${windowFloor}::text::timestamp(3) THEN ${now}::text::timestamp(3)
        ELSE t."windowStartedAt" END,
      "lockedUntil" = CASE
        WHEN t."lockedUntil" > ${now}::text::timestamp(3) THEN t."lockedUntil"
        WHEN t."lockedUntil" IS NOT NULL OR t."windowStartedAt" <= ${windowFloor}::text::timestamp(3) THEN
          CASE WHEN 1 > ${limit} THEN ${lockEnd}::text::timestamp(3) END
        WHEN t."attempts" + 1 > ${limit} THEN ${lockEnd}::text::timestamp(3)
        ELSE NULL END,
      "updatedAt" = ${now}::text::timestamp(3)
    RETURNING "lockedUntil"`;
  const lockedUntil = rows[0]?.lockedUntil ?? null;
  return lockedUntil && lockedUntil.getTime() > nowMs ? lockedUntil : null;
}

/**
 * Counts an attempt from `address` for `userName` and says whether its password may be
 * checked. Both counters are counted, whatever the other says: an attempt is an attempt.
 */
export async function claimSignInAttempt(
  db: ThrottleDb,
  input: { userName: string; address: string; nowMs: number },
  policy: ThrottlePolicy,
): Promise<ThrottleDecision> {
  const { nowMs } = input;
  const byAddress = await count(db, "address", input.address, policy.addressLimit, policy.lockMs, nowMs);
  const byUser = await count(db, "user", throttleUserKey(input.userName), policy.userLimit, policy.lockMs, nowMs);
  // Report the later lock: that is how long this client really has to wait.
  const locks = [
    byAddress ? { scope: "address" as const, until: byAddress.getTime() } : null,
    byUser ? { scope: "user" as const, until: byUser.getTime() } : null,
  ].filter((l) => l !== null);
  if (locks.length === 0) return { allowed: true };
  const latest = locks.reduce((a, b) => (b.until > a.until ? b : a));
  return { allowed: false, scope: latest.scope, retryAfterMs: latest.until - nowMs };
}

/** A correct sign-in: both counters start over (unless an attacker's lock is in force). */
export async function resetSignInCounters(db: ThrottleDb, input: { userName: string; address: string; nowMs: number }): Promise<void> {
  const now = new Date(input.nowMs).toISOString();
  await db.$executeRaw`
    UPDATE "StaffLoginThrottle" SET "attempts" = 0, "windowStartedAt" = ${now}::text::timestamp(3), "lockedUntil" = NULL,
      "updatedAt" = ${now}::text::timestamp(3)
    WHERE (("scope" = 'address' AND "key" = ${input.address}) OR ("scope" = 'user' AND "key" = ${throttleUserKey(input.userName)}))
      AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}::text::timestamp(3))`;
}

/**
 * An owner lifts a lock by hand (/admin/sign-ins): the per-username lock that keeps a colleague
 * out while someone guesses their password elsewhere, or an address lock of their own office. The
 * counter starts a fresh window. One conditional UPDATE: only a counter locked at `nowMs` changes,
 * so two owners at once lift it once (the answer says whether this call did).
 */
export async function liftThrottleLock(
  db: Pick<PrismaClient, "staffLoginThrottle"> | Pick<Prisma.TransactionClient, "staffLoginThrottle">,
  input: { scope: ThrottleScope; key: string; nowMs: number },
): Promise<boolean> {
  const now = new Date(input.nowMs);
  const { count } = await db.staffLoginThrottle.updateMany({
    where: { scope: input.scope, key: input.key, lockedUntil: { gt: now } },
    data: { attempts: 0, windowStartedAt: now, lockedUntil: null, updatedAt: now },
  });
  return count === 1;
}

/** Counters untouched for a day are forgotten (their window and any lock are long over). */
export async function pruneThrottleCounters(db: Pick<PrismaClient, "staffLoginThrottle">, nowMs: number, policy: ThrottlePolicy): Promise<void> {
  const horizon = Math.max(24 * 3600_000, 2 * policy.lockMs);
  await db.staffLoginThrottle.deleteMany({ where: { updatedAt: { lt: new Date(nowMs - horizon) } } });
}
