/**
 * Staff passwords (src/server/staff/password-change.ts, README "Staff accounts and roles") on
 * PGlite and PostgreSQL, through the tRPC router as the console calls it: any staff member (a
 * viewer too) changes their own password with the current one — a wrong current password is
 * refused and changes nothing; the new one meets the account-creation rule (production: the
 * STAFF_PASSWORD rule); the account's other sessions end and the current one stays. An owner
 * resets another account's password (all its sessions end); a viewer cannot, and an owner cannot
 * "reset" their own. Every change is in the audit log with the number of sessions ended.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "~/server/errors";
import { addStaffAccount, ensureFirstOwner, verifyStaffAccount } from "~/server/staff/accounts";
import { changeOwnPassword } from "~/server/staff/password-change";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { ownerActor, staffScene } from "../helpers/staff-accounts";
import { assertAppError } from "../helpers/trpc";

for (const target of testTargets()) {
  describe(`staff passwords on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const db = () => h.db.prisma;
    const { signIn, alive, as } = staffScene(db);

    it("a viewer changes their own password: the current one is required, the other sessions end, this one stays", async () => {
      await ensureFirstOwner(db(), { userName: "root", password: "root password" }, Date.now());
      await addStaffAccount(db(), ownerActor("root"), { userName: "vic", password: "vic's first password", role: "viewer", production: false, nowMs: Date.now() });
      const current = await signIn("vic");
      const other = await signIn("vic");
      const rootSession = await signIn("root");
      const vic = as("vic", "viewer", current);
      const auditBefore = await db().staffAuditEvent.count();

      await assertAppError(vic.staffAdmin.changePassword({ currentPassword: "not it", newPassword: "vic's second password" }), "BAD_REQUEST", "WRONG_PASSWORD");
      assert.deepEqual(await verifyStaffAccount(db(), "vic", "vic's first password"), { name: "vic", role: "viewer" }, "a refused change changes nothing");
      assert.ok((await alive(current, "vic")) && (await alive(other, "vic")), "…and ends no session");
      assert.equal(await db().staffAuditEvent.count(), auditBefore, "…and writes no audit row");
      await assertAppError(vic.staffAdmin.changePassword({ currentPassword: "vic's first password", newPassword: "" }), "BAD_REQUEST", "WEAK_PASSWORD");

      assert.deepEqual(await vic.staffAdmin.changePassword({ currentPassword: "vic's first password", newPassword: "vic's second password" }), { sessionsEnded: 1 });
      assert.equal(await verifyStaffAccount(db(), "vic", "vic's first password"), null, "the old password no longer signs in");
      assert.deepEqual(await verifyStaffAccount(db(), "vic", "vic's second password"), { name: "vic", role: "viewer" });
      assert.equal(await alive(current, "vic"), true, "the session that changed it stays signed in");
      assert.equal(await alive(other, "vic"), false, "every other session of the account ended");
      assert.equal(await alive(rootSession, "root"), true, "other accounts' sessions are untouched");
      const ended = await db().staffSession.findUniqueOrThrow({ where: { id: other } });
      assert.equal(ended.revokedReason, "password changed");
      const ev = await db().staffAuditEvent.findFirstOrThrow({ where: { action: "staff.password", target: "vic" } });
      assert.deepEqual([ev.actor, ev.actorRole, ev.clientAddress, ev.details], ["vic", "viewer", "203.0.113.8", { sessionsEnded: 1 }]);
    });

    it("in production the new password meets the account-creation rule", async () => {
      await addStaffAccount(db(), ownerActor("root"), { userName: "paula", password: "paula's password", role: "owner", production: false, nowMs: Date.now() });
      for (const [weak, why] of [["short", /at least 12 characters/], ["abababababab", /4 different characters/], ["aaaaaaaaaaaaaaaa", /4 different characters/]] as const) {
        await assert.rejects(
          changeOwnPassword(db(), ownerActor("paula"), { currentPassword: "paula's password", newPassword: weak, currentSessionId: null, production: true, nowMs: Date.now() }),
          (e: unknown) => e instanceof AppError && e.code === "WEAK_PASSWORD" && why.test(e.message),
          weak,
        );
      }
      assert.deepEqual(await verifyStaffAccount(db(), "paula", "paula's password"), { name: "paula", role: "owner" });
    });

    it("an owner resets another account's password and ends all its sessions; a viewer cannot; nobody resets their own", async () => {
      await addStaffAccount(db(), ownerActor("root"), { userName: "walt", password: "walt's password", role: "viewer", production: false, nowMs: Date.now() });
      const waltSessions = [await signIn("walt"), await signIn("walt")];
      const auditBefore = await db().staffAuditEvent.count();

      await assertAppError(as("vic", "viewer").staffAdmin.resetPassword({ userName: "walt", newPassword: "set by a viewer" }), "FORBIDDEN", "OWNER_ONLY");
      await assertAppError(as("root", "owner").staffAdmin.resetPassword({ userName: "root", newPassword: "no current password" }), "BAD_REQUEST", "OWN_PASSWORD_RESET");
      await assertAppError(as("root", "owner").staffAdmin.resetPassword({ userName: "nobody", newPassword: "for no one at all" }), "NOT_FOUND", "NOT_FOUND");
      assert.equal(await db().staffAuditEvent.count(), auditBefore, "refusals write nothing");
      assert.deepEqual(await verifyStaffAccount(db(), "walt", "walt's password"), { name: "walt", role: "viewer" });
      for (const sid of waltSessions) assert.equal(await alive(sid, "walt"), true);

      const rootSession = await signIn("root");
      assert.deepEqual(await as("root", "owner", rootSession).staffAdmin.resetPassword({ userName: "walt", newPassword: "walt's new password" }), { sessionsEnded: 2 });
      assert.deepEqual(await verifyStaffAccount(db(), "walt", "walt's new password"), { name: "walt", role: "viewer" });
      for (const sid of waltSessions) assert.equal(await alive(sid, "walt"), false, "every session of the reset account ended");
      assert.equal(await alive(rootSession, "root"), true, "the owner's own session stays");
      const ev = await db().staffAuditEvent.findFirstOrThrow({ where: { action: "staff.passwordReset", target: "walt" } });
      assert.deepEqual([ev.actor, ev.actorRole, ev.details], ["root", "owner", { sessionsEnded: 2 }]);
    });

    it("two changes with the same current password at once: exactly one passes", async () => {
      await addStaffAccount(db(), ownerActor("root"), { userName: "cass", password: "cass's password", role: "viewer", production: false, nowMs: Date.now() });
      const cass = as("cass", "viewer");
      const results = await Promise.allSettled([
        cass.staffAdmin.changePassword({ currentPassword: "cass's password", newPassword: "first new password" }),
        cass.staffAdmin.changePassword({ currentPassword: "cass's password", newPassword: "second new password" }),
      ]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, JSON.stringify(results.map((r) => r.status)));
      const winner = results[0]!.status === "fulfilled" ? "first new password" : "second new password";
      assert.deepEqual(await verifyStaffAccount(db(), "cass", winner), { name: "cass", role: "viewer" });
      assert.equal(await db().staffAuditEvent.count({ where: { action: "staff.password", target: "cass" } }), 1);
    });
  });
}
