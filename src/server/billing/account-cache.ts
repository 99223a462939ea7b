/**
 * Accounts remembered for consume(), so a burst of in-process debits costs one statement per
 * batch instead of an account read plus the debit.
 *
 * Not trusted, only checked: every remembered account carries the fingerprint the database
 * computed over its member rows (account.ts). The debit statement recomputes it under its own
 * snapshot and debits nothing when it differs (drawdown-sql.ts `stale`); consume() then reads the
 * account afresh and retries. So an account frozen, released, renewed, expired by a new date or
 * joined by a new package — by this process or any other replica — is seen by the very debit that
 * follows, exactly as with a read per call. Refusals are never decided on a remembered account:
 * consume() re-reads before refusing, so an unfrozen instance is served at once.
 *
 * Per database client (tests open several in one process), bounded, oldest entry dropped first.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { loadAccount, type Account } from "./account";

/** Far above the instances one process debits for at a time; each entry is a few hundred bytes. */
const MAX_ENTRIES = 5_000;

const byClient = new WeakMap<PrismaClient, Map<string, Account>>();

function entries(prisma: PrismaClient): Map<string, Account> {
  let map = byClient.get(prisma);
  if (!map) byClient.set(prisma, (map = new Map()));
  return map;
}

/** The account remembered for `instanceId`, if any (to be checked by the debit statement). */
export function rememberedAccount(prisma: PrismaClient, instanceId: string): Account | undefined {
  return entries(prisma).get(instanceId);
}

interface Read {
  /** The fingerprint its starter knew to be stale, if any. */
  knownStale: string | undefined;
  promise: Promise<Account>;
}

const readsByClient = new WeakMap<PrismaClient, Map<string, Read>>();

/**
 * Reads the account and remembers it. Concurrent callers share one read in flight (a burst of
 * metered calls of one tenant costs one read, not one per call) — except that a caller told its
 * remembered account (fingerprint `stale`) is out of date shares only a read started by someone
 * told the same: that read began after the change was committed, while an older read in flight
 * may still return the state it was told about. Shared reads are never mutated by callers.
 * getEntitlement reads through here too; liveness is re-checked by the debit statement itself.
 */
export function freshAccount(prisma: PrismaClient, instanceId: string, stale?: string): Promise<Account> {
  let reads = readsByClient.get(prisma);
  if (!reads) readsByClient.set(prisma, (reads = new Map()));
  const pending = reads.get(instanceId);
  if (pending && (stale === undefined || pending.knownStale === stale)) return pending.promise;
  const map = entries(prisma);
  map.delete(instanceId);
  const promise = loadAccount(prisma, instanceId).then((account) => {
    if (account.fingerprint) {
      map.delete(instanceId);
      map.set(instanceId, account);
      if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
    }
    return account;
  });
  const read: Read = { knownStale: stale, promise };
  reads.set(instanceId, read);
  const done = () => void (reads.get(instanceId) === read && reads.delete(instanceId));
  promise.then(done, done);
  return promise;
}

/** Drops what is remembered for `instanceId` (it proved stale, or no longer exists). */
export function forgetAccount(prisma: PrismaClient, instanceId: string): void {
  byClient.get(prisma)?.delete(instanceId);
}
