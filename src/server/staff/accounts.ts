/**
 * Staff accounts in the database (README "Staff accounts and roles"): `owner` can act, `viewer`
 * can only read. The environment credential (STAFF_USERNAME / STAFF_PASSWORD) becomes the first
 * owner the first time anyone signs in: one INSERT … ON CONFLICT DO NOTHING on the row whose
 * `bootstrap` is true, which a unique index allows once — so replicas signing in together create
 * exactly one owner, and a later change of the environment credential changes nothing.
 *
 * Every change that could leave no active owner (disable, demote) first locks the active owners'
 * rows (SELECT … FOR UPDATE) and counts them in the same transaction: two owners demoting each
 * other at once cannot both succeed. Disabling an account ends its sessions in that transaction.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { StaffRole } from "~/server/auth/session-user";
import { AppError } from "~/server/errors";
import { hasUnstorableText } from "~/server/db/safe-text";
import { recordAudit, type AuditActor } from "./audit-log";
import { checkPassword, hashPassword, passwordWeakness } from "./passwords";

export const STAFF_ROLES = ["owner", "viewer"] as const satisfies readonly StaffRole[];
export type { StaffRole };

export function isStaffRole(v: unknown): v is StaffRole {
  return v === "owner" || v === "viewer";
}

export type StaffAccountDb = Pick<PrismaClient, "staffAccount" | "$queryRaw" | "$executeRaw">;

/** The fields that leave the server for /admin/staff (never the hash). */
export const staffAccountSelect = {
  id: true,
  userName: true,
  role: true,
  bootstrap: true,
  disabledAt: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.StaffAccountSelect;

/**
 * Creates the first owner from the environment credential unless it was created before.
 * Idempotent and safe under concurrency (see the file comment); answers whether this call created it.
 */
export async function ensureFirstOwner(db: StaffAccountDb, env: { userName: string; password: string }, nowMs: number): Promise<boolean> {
  const existing = await db.staffAccount.findFirst({ where: { bootstrap: true }, select: { id: true } });
  if (existing) return false;
  const hash = await hashPassword(env.password);
  const now = new Date(nowMs).toISOString();
  // ON CONFLICT with no target: the bootstrap row exists already, or an account of that name
  // was added by hand — either way the environment credential must not overwrite it.
  const inserted = await db.$executeRaw`
    INSERT INTO "StaffAccount" ("userName", "passwordHash", "role", "bootstrap", "createdBy", "createdAt", "updatedAt")
    VALUES (${env.userName.slice(0, 64)}, ${hash}, 'owner', TRUE, 'STAFF_USERNAME', ${now}::text::timestamp(3), ${now}::text::timestamp(3))
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

export interface VerifiedStaff {
  name: string;
  role: StaffRole;
}

/** The account a username and password sign in as, or null (unknown, wrong password or disabled). */
export async function verifyStaffAccount(db: Pick<PrismaClient, "staffAccount">, userName: string, password: string): Promise<VerifiedStaff | null> {
  // No account name holds NUL or an unpaired surrogate (PostgreSQL could not even look one up).
  const possible = userName.length > 0 && userName.length <= 64 && !hasUnstorableText(userName);
  const row = possible ? await db.staffAccount.findUnique({ where: { userName } }) : null;
  // Always one bcrypt comparison, so timing does not tell an unknown name from a wrong password.
  const ok = await checkPassword(password, row?.passwordHash ?? null);
  if (!ok || !row || row.disabledAt || !isStaffRole(row.role)) return null;
  return { name: row.userName, role: row.role };
}

/** The role of an active account, or null when it is unknown or disabled (sessions end). */
export async function activeRoleOf(db: Pick<PrismaClient, "staffAccount">, userName: string): Promise<StaffRole | null> {
  const row = await db.staffAccount.findUnique({ where: { userName }, select: { role: true, disabledAt: true } });
  if (!row || row.disabledAt || !isStaffRole(row.role)) return null;
  return row.role;
}

// ---------------------------------------------------------------------------------------------
// Changes made by owners from /admin/staff

export async function addStaffAccount(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { userName: string; password: string; role: StaffRole; production: boolean; nowMs: number },
): Promise<void> {
  const weak = passwordWeakness(input.password, input.userName, input.production);
  if (weak) throw new AppError("WEAK_PASSWORD", weak.en, { reason: weak });
  const hash = await hashPassword(input.password);
  const now = new Date(input.nowMs);
  await prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO "StaffAccount" ("userName", "passwordHash", "role", "createdBy", "createdAt", "updatedAt")
      VALUES (${input.userName}, ${hash}, ${input.role}, ${actor.name.slice(0, 64)}, ${now.toISOString()}::text::timestamp(3), ${now.toISOString()}::text::timestamp(3))
      ON CONFLICT ("userName") DO NOTHING`;
    if (inserted !== 1) throw new AppError("STAFF_NAME_TAKEN", input.userName);
    await recordAudit(tx, actor, { action: "staff.add", target: input.userName, details: { role: input.role }, nowMs: input.nowMs });
  });
}

/**
 * Locks the active owners' rows and throws LAST_OWNER when `userName` is the only one left.
 * Runs inside the changing transaction: the lock holds until it commits.
 */
async function assertNotLastOwner(tx: Prisma.TransactionClient, userName: string): Promise<void> {
  const owners = await tx.$queryRaw<{ userName: string }[]>`
    SELECT "userName" FROM "StaffAccount" WHERE "role" = 'owner' AND "disabledAt" IS NULL ORDER BY "userName" FOR UPDATE`;
  if (owners.some((o) => o.userName === userName) && owners.length <= 1) throw new AppError("LAST_OWNER", userName);
}

/** Disables (and ends every session of) an account, or enables it again. */
export async function setStaffDisabled(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { userName: string; disabled: boolean; nowMs: number },
): Promise<void> {
  const now = new Date(input.nowMs);
  await prisma.$transaction(async (tx) => {
    if (input.disabled) await assertNotLastOwner(tx, input.userName);
    const { count } = await tx.staffAccount.updateMany({
      where: { userName: input.userName, disabledAt: input.disabled ? null : { not: null } },
      data: { disabledAt: input.disabled ? now : null, updatedAt: now },
    });
    if (count === 0) {
      const exists = await tx.staffAccount.count({ where: { userName: input.userName } });
      if (exists === 0) throw new AppError("NOT_FOUND", `staff account ${input.userName}`);
      return; // already in that state: nothing to record
    }
    let sessionsEnded = 0;
    if (input.disabled) {
      ({ count: sessionsEnded } = await tx.staffSession.updateMany({
        where: { userName: input.userName, revokedAt: null },
        data: { revokedAt: now, revokedReason: "account disabled" },
      }));
    }
    await recordAudit(tx, actor, {
      action: input.disabled ? "staff.disable" : "staff.enable",
      target: input.userName,
      details: input.disabled ? { sessionsEnded } : {},
      nowMs: input.nowMs,
    });
  });
}

export async function setStaffRole(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { userName: string; role: StaffRole; nowMs: number },
): Promise<void> {
  const now = new Date(input.nowMs);
  await prisma.$transaction(async (tx) => {
    if (input.role !== "owner") await assertNotLastOwner(tx, input.userName);
    const before = await tx.staffAccount.findUnique({ where: { userName: input.userName }, select: { role: true } });
    if (!before) throw new AppError("NOT_FOUND", `staff account ${input.userName}`);
    if (before.role === input.role) return;
    await tx.staffAccount.update({ where: { userName: input.userName }, data: { role: input.role, updatedAt: now } });
    await recordAudit(tx, actor, { action: "staff.role", target: input.userName, details: { from: before.role, to: input.role }, nowMs: input.nowMs });
  });
}
