/**
 * Staff accounts (README "Staff accounts and roles"): anyone on staff may list them and change
 * their own password; only owners add, disable/enable, change roles or reset another account's
 * password, each change in the audit log (src/server/staff).
 */
import { getEnv } from "~/env";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { addStaffAccount, setStaffDisabled, setStaffRole, staffAccountSelect } from "~/server/staff/accounts";
import { changeOwnPassword, resetStaffPassword } from "~/server/staff/password-change";
import { endStaffSessions, openSessionCounts } from "~/server/staff/sessions";
import { ZStaffAddInput, ZStaffChangePasswordInput, ZStaffEndSessionsInput, ZStaffResetPasswordInput, ZStaffSetDisabledInput, ZStaffSetRoleInput } from "./staff-admin.schema";

export const staffAdminRouter = createTRPCRouter({
  /** The accounts, each with its number of open sessions (signed in, not ended, not expired). */
  list: staffProcedure.query(async ({ ctx }) => {
    const [accounts, open] = await Promise.all([
      ctx.db.staffAccount.findMany({ select: staffAccountSelect, orderBy: [{ createdAt: "asc" }, { userName: "asc" }] }),
      openSessionCounts(ctx.db, Date.now()),
    ]);
    return accounts.map((a) => ({ ...a, openSessions: open.get(a.userName) ?? 0 }));
  }),

  add: ownerProcedure.input(ZStaffAddInput).mutation(async ({ ctx, input }) => {
    await addStaffAccount(ctx.db, ctx.actor, { ...input, production: getEnv().NODE_ENV === "production", nowMs: Date.now() });
  }),

  /** Disabling ends the account's sessions at once; the last active owner cannot be disabled. */
  setDisabled: ownerProcedure.input(ZStaffSetDisabledInput).mutation(async ({ ctx, input }) => {
    await setStaffDisabled(ctx.db, ctx.actor, { ...input, nowMs: Date.now() });
  }),

  /**
   * Any staff member's own password (a viewer's too: it acts on nothing but their account). The
   * current password is required; the account's other sessions end, this one stays.
   */
  changePassword: staffProcedure.input(ZStaffChangePasswordInput).mutation(({ ctx, input }) => {
    const { name, role } = ctx.session.user;
    return changeOwnPassword(ctx.db, { name, role, clientAddress: ctx.clientAddress }, {
      ...input,
      currentSessionId: ctx.staffSessionId ?? null,
      production: getEnv().NODE_ENV === "production",
      nowMs: Date.now(),
    });
  }),

  /** Signs the caller out everywhere else: their other sessions end, this one stays (any role: it acts on their own account). */
  endOwnOtherSessions: staffProcedure.mutation(({ ctx }) => {
    const { name, role } = ctx.session.user;
    return endStaffSessions(ctx.db, { name, role, clientAddress: ctx.clientAddress }, { userName: name, keepSessionId: ctx.staffSessionId ?? null, nowMs: Date.now() });
  }),

  /** Signs another account out everywhere (an owner's own account: every session but this one). */
  endSessions: ownerProcedure.input(ZStaffEndSessionsInput).mutation(({ ctx, input }) =>
    endStaffSessions(ctx.db, ctx.actor, {
      userName: input.userName,
      keepSessionId: input.userName === ctx.actor.name ? (ctx.staffSessionId ?? null) : null,
      nowMs: Date.now(),
    }),
  ),

  /** Another account's password; every session of that account ends. */
  resetPassword: ownerProcedure.input(ZStaffResetPasswordInput).mutation(({ ctx, input }) =>
    resetStaffPassword(ctx.db, ctx.actor, { ...input, production: getEnv().NODE_ENV === "production", nowMs: Date.now() }),
  ),

  /** The last active owner cannot be demoted. */
  setRole: ownerProcedure.input(ZStaffSetRoleInput).mutation(async ({ ctx, input }) => {
    await setStaffRole(ctx.db, ctx.actor, { ...input, nowMs: Date.now() });
  }),
});
