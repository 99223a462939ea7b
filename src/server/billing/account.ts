/**
 * Accounts: who owns quotas, packages and the usage ledger.
 *
 * A PERIOD or ONE_TIME instance is its own account ("instance:{id}"): two purchases are two
 * workspaces. Usage-mode instances (按需, 按需套餐包, 用完即停套餐包) of one buyer and product share
 * "customer:{customerId}:{product}", so a new package (a newInstance for a new order) tops up the
 * same account and the on-demand instance's usage draws the buyer's packages. Without a known
 * customerId (查询订单 off) every instance is its own account.
 */
import type { InstanceStatus } from "~/generated/prisma/enums";
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError, type AppErrorCode } from "~/server/errors";
import { queryVia } from "~/server/db/sql";

export interface AccountMember {
  id: string;
  status: InstanceStatus;
  planId: string | null;
  accountKey: string | null;
  expireAt: Date | null;
  trialEndsAt: Date | null;
  createdAt: Date;
  /** 查询订单 linearValue of the order (a plan's `linearQuota`). */
  linearValue?: number | null;
  /** Created by a seller-console debug call (testFlag=1): never billed, never a real account's. */
  isTest?: boolean;
}

export interface Account {
  accountKey: string;
  caller: AccountMember;
  /** Every instance of the account, the caller included, oldest first. */
  members: AccountMember[];
  /**
   * md5 over every column of every member, in id order, as the database computed it
   * (accountFingerprintSql). The debit statement recomputes it to prove that an account read
   * earlier is still current (account-cache.ts). Absent when the account came from elsewhere.
   */
  fingerprint?: string;
}

export const ownAccountKey = (instanceId: string) => `instance:${instanceId}`;
export const customerAccountKey = (customerId: string, product: string) => `customer:${customerId}:${product}`;
export const accountKeyOf = (i: { id: string; accountKey: string | null }) => i.accountKey ?? ownAccountKey(i.id);

const ms = (column: string) => `(EXTRACT(EPOCH FROM "${column}") * 1000)::float8 AS "${column}"`;
/** Timestamps as epoch ms: the same numbers from the pg driver, PGlite and Prisma (db/sql.ts queryVia). */
const COLUMNS = `"id", "status"::text AS "status", "planId", "accountKey", ${ms("expireAt")}, ${ms("trialEndsAt")}, ${ms("createdAt")}, "linearValue"::float8 AS "linearValue", "isTest"`;

/**
 * The members of the account of the instance whose id is the SQL expression `idSql`, as a query
 * (two index lookups: primary key, accountKey; only pooled accounts have other members). Also
 * embedded in the customer-context statement (src/server/auth/customer-context.ts).
 */
export function accountMembersSql(idSql: string): string {
  return `SELECT ${COLUMNS} FROM "Instance" WHERE "id" = ${idSql}
     UNION ALL
     SELECT ${COLUMNS} FROM "Instance"
      WHERE "accountKey" = (SELECT "accountKey" FROM "Instance" WHERE "id" = ${idSql} AND "accountKey" LIKE 'customer:%')
        AND "id" <> ${idSql}`;
}

/**
 * The fingerprint of the member rows `rel` (a table expression of accountMembersSql's columns):
 * one text for the loader and the debit statement alike, so both compute it the same way. NULL
 * when the instance no longer exists.
 */
export function accountFingerprintSql(rel: string): string {
  return `SELECT md5(string_agg(fp_m::text, '|' ORDER BY fp_m."id")) FROM ${rel} fp_m`;
}

/** A row of accountMembersSql. */
export interface MemberRow extends Omit<AccountMember, "expireAt" | "trialEndsAt" | "createdAt"> {
  expireAt: number | null;
  trialEndsAt: number | null;
  createdAt: number;
}

const dateOf = (v: number | null) => (v === null ? null : new Date(Number(v)));

/** The account of `instanceId` from its member rows. Throws INSTANCE_NOT_FOUND. */
export function accountFromRows(instanceId: string, rows: MemberRow[]): Account {
  const members: AccountMember[] = rows.map((r) => ({
    ...r,
    expireAt: dateOf(r.expireAt),
    trialEndsAt: dateOf(r.trialEndsAt),
    createdAt: new Date(Number(r.createdAt)),
    linearValue: r.linearValue === null || r.linearValue === undefined ? r.linearValue : Number(r.linearValue),
  }));
  members.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const caller = members.find((r) => r.id === instanceId);
  if (!caller) throw new AppError("INSTANCE_NOT_FOUND", `instance ${instanceId} does not exist`);
  return { accountKey: accountKeyOf(caller), caller, members };
}

export function assertInstanceId(instanceId: string): void {
  if (typeof instanceId !== "string" || instanceId.length === 0 || instanceId.length > 64) {
    throw new AppError("INVALID_INPUT", "instanceId must be 1–64 characters");
  }
}

/** Prepared once: one name, one text (on PostgreSQL a named statement, planned once per connection). */
const ACCOUNT_MEMBERS = {
  name: "billing_account_members",
  text: `WITH m AS (${accountMembersSql("$1::text")}) SELECT m.*, (${accountFingerprintSql("m")}) AS "fingerprint" FROM m`,
};

/** The instance and its account's other instances, and their fingerprint, in one query. Throws INSTANCE_NOT_FOUND. */
export async function loadAccount(prisma: PrismaClient, instanceId: string): Promise<Account> {
  assertInstanceId(instanceId);
  const rows = await queryVia<MemberRow & { fingerprint: string }>(prisma, { ...ACCOUNT_MEMBERS, values: [instanceId] });
  const account = accountFromRows(instanceId, rows.map(({ fingerprint: _fp, ...member }) => member));
  return { ...account, fingerprint: rows[0]!.fingerprint };
}

export type MemberState = "LIVE" | "FROZEN" | "TRIAL_EXPIRED" | "EXPIRED" | "RELEASED";

export function memberState(m: AccountMember, nowMs: number, graceMs: number): MemberState {
  if (m.status === "RELEASED") return "RELEASED";
  if (m.status === "FROZEN") return "FROZEN";
  const cutoff = nowMs - graceMs;
  if (m.trialEndsAt && m.trialEndsAt.getTime() <= cutoff) return "TRIAL_EXPIRED";
  if (m.expireAt && m.expireAt.getTime() <= cutoff) return "EXPIRED";
  return "LIVE";
}

const REFUSAL: Record<Exclude<MemberState, "LIVE">, AppErrorCode> = {
  FROZEN: "INSTANCE_FROZEN",
  TRIAL_EXPIRED: "TRIAL_EXPIRED",
  EXPIRED: "INSTANCE_EXPIRED",
  RELEASED: "INSTANCE_RELEASED",
};

/** Most actionable first: a frozen instance can be renewed, a released one cannot. */
const PRIORITY: MemberState[] = ["FROZEN", "TRIAL_EXPIRED", "EXPIRED", "RELEASED"];

/**
 * The account is usable when the caller is live, or — for a pooled (customer) account — when any
 * member is (a buyer whose first package was released keeps working on the next one).
 * Returns the live members, or the refusal to throw.
 */
export function judgeAccount(
  account: Account,
  nowMs: number,
  graceMs: number,
): { live: AccountMember[]; refusal?: AppErrorCode } {
  const states = new Map(account.members.map((m) => [m.id, memberState(m, nowMs, graceMs)]));
  const pooled = account.accountKey.startsWith("customer:");
  const live = account.members.filter((m) => states.get(m.id) === "LIVE" && (pooled || m.id === account.caller.id));
  if (live.length > 0) return { live };
  const considered = pooled ? account.members : [account.caller];
  const worst = PRIORITY.find((s) => considered.some((m) => states.get(m.id) === s)) ?? "RELEASED";
  return { live, refusal: REFUSAL[worst as Exclude<MemberState, "LIVE">] };
}
