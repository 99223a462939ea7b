/**
 * Staff sessions on the server, like customer sessions (customer-session.ts): the staff JWT
 * carries only `sid`, the id of a StaffSession row, and every request checks that row (one
 * primary-key read) and the account's row (one unique-key read): sign-out revokes the session
 * row, so a cookie copied before the sign-out is dead everywhere at once; a disabled account's
 * sessions end on their next request, and a role change applies to the next request.
 */
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { PrismaClient } from "~/generated/prisma/client";
import { ensureDatabaseReady } from "~/server/db";
import { activeRoleOf } from "~/server/staff/accounts";
import { isStaffUser, type StaffRole } from "./session-user";

export type StaffSessionDb = Pick<PrismaClient, "staffSession">;

/** Rows are deleted this long after they expired (revoked ones are kept until then, for audit). */
const KEEP_EXPIRED_MS = 24 * 3600_000;

export async function createStaffSession(
  db: StaffSessionDb,
  input: { userName: string; clientAddress: string; maxAgeSeconds: number; nowMs: number },
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.staffSession.create({
    data: {
      id,
      userName: input.userName.slice(0, 64),
      clientAddress: input.clientAddress.slice(0, 64),
      createdAt: new Date(input.nowMs),
      expiresAt: new Date(input.nowMs + input.maxAgeSeconds * 1000),
    },
  });
  // Housekeeping on the (rare) sign-in path, by the expiresAt index.
  await db.staffSession.deleteMany({ where: { expiresAt: { lt: new Date(input.nowMs - KEEP_EXPIRED_MS) } } });
  return id;
}

export type StaffSessionCheck = { ok: true; role: StaffRole } | { ok: false; reason: string };

export async function checkStaffSession(
  db: StaffSessionDb & Pick<PrismaClient, "staffAccount">,
  sid: string,
  userName: string,
  nowMs: number,
): Promise<StaffSessionCheck> {
  const row = await db.staffSession.findUnique({ where: { id: sid } });
  if (!row || row.userName !== userName) return { ok: false, reason: "unknown session" };
  if (row.revokedAt) return { ok: false, reason: `revoked (${row.revokedReason ?? "?"})` };
  if (row.expiresAt.getTime() <= nowMs) return { ok: false, reason: "expired" };
  // Disabling revokes the sessions too; this covers an account deleted or disabled by hand.
  const role = await activeRoleOf(db, userName);
  if (!role) return { ok: false, reason: "account disabled or removed" };
  return { ok: true, role };
}

/** Ends a session (sign-out). Idempotent; answers whether this call ended it. */
export async function revokeStaffSession(db: StaffSessionDb, sid: string, reason: string, nowMs: number = Date.now()): Promise<boolean> {
  const { count } = await db.staffSession.updateMany({
    where: { id: sid, revokedAt: null },
    data: { revokedAt: new Date(nowMs), revokedReason: reason.slice(0, 32) },
  });
  return count === 1;
}

// ---------------------------------------------------------------------------------------------
// The jwt callback's staff branch

export type StaffSessionChecker = (sid: string, userName: string) => Promise<StaffSessionCheck>;

/** The app's checker: the process database. */
export const defaultStaffSessionChecker: StaffSessionChecker = async (sid, userName) => {
  const db = (await ensureDatabaseReady()).prisma;
  return checkStaffSession(db, sid, userName, Date.now());
};

/**
 * On every request with a staff JWT: keep it only while its StaffSession and account live, with
 * the account's role as it is now.
 */
export async function staffJwt(token: JWT, check: StaffSessionChecker = defaultStaffSessionChecker): Promise<JWT> {
  const user = token.user;
  if (!isStaffUser(user)) return token;
  const result = token.sid ? await check(token.sid, user.name) : ({ ok: false, reason: "staff token without a session id" } as const);
  if (result.ok) return user.role === result.role ? token : { ...token, user: { ...user, role: result.role } };
  const { user: _user, sid: _sid, ...rest } = token;
  return rest;
}
