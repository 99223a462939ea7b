/**
 * Staff accounts (README "Staff accounts and roles"): anyone on staff may list them; only owners
 * add, disable/enable or change roles, each change in the audit log (src/server/staff).
 */
import { getEnv } from "~/env";
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { addStaffAccount, setStaffDisabled, setStaffRole, staffAccountSelect } from "~/server/staff/accounts";
import { ZStaffAddInput, ZStaffSetDisabledInput, ZStaffSetRoleInput } from "./staff-admin.schema";

export const staffAdminRouter = createTRPCRouter({
  list: staffProcedure.query(({ ctx }) =>
    ctx.db.staffAccount.findMany({ select: staffAccountSelect, orderBy: [{ createdAt: "asc" }, { userName: "asc" }] }),
  ),

  add: ownerProcedure.input(ZStaffAddInput).mutation(async ({ ctx, input }) => {
    await addStaffAccount(ctx.db, ctx.actor, { ...input, production: getEnv().NODE_ENV === "production", nowMs: Date.now() });
  }),

  /** Disabling ends the account's sessions at once; the last active owner cannot be disabled. */
  setDisabled: ownerProcedure.input(ZStaffSetDisabledInput).mutation(async ({ ctx, input }) => {
    await setStaffDisabled(ctx.db, ctx.actor, { ...input, nowMs: Date.now() });
  }),

  /** The last active owner cannot be demoted. */
  setRole: ownerProcedure.input(ZStaffSetRoleInput).mutation(async ({ ctx, input }) => {
    await setStaffRole(ctx.db, ctx.actor, { ...input, nowMs: Date.now() });
  }),
});
