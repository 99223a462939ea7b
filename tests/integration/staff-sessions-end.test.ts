/**
 * Signing a staff account out everywhere (src/server/staff/sessions.ts, README "Staff accounts and
 * roles") on PGlite and PostgreSQL, through the tRPC router as the console calls it: anyone on
 * staff (a viewer too) ends their own other sessions and keeps the one asking; an owner ends all
 * of another account's; a viewer cannot touch another account ("stranger" check); an unknown
 * account is NOT_FOUND. The list counts open sessions; each change writes one audit row in the
 * same transaction; two owners at once end each session once.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addStaffAccount, ensureFirstOwner } from "~/server/staff/accounts";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { ownerActor, staffScene } from "../helpers/staff-accounts";
import { assertAppError } from "../helpers/trpc";

for (const target of testTargets()) {
  describe(`staff sign-out everywhere on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);
    const db = () => h.db.prisma;
    const { signIn, alive, as } = staffScene(db);
    const openOf = async (userName: string) => (await as("root", "owner").staffAdmin.list()).find((a) => a.userName === userName)?.openSessions;

    it("a viewer signs their own other sessions out; this one stays; other accounts are untouched", async () => {
      await ensureFirstOwner(db(), { userName: "root", password: "root password" }, Date.now());
      await addStaffAccount(db(), ownerActor("root"), { userName: "vera", password: "vera's password", role: "viewer", production: false, nowMs: Date.now() });
      const [current, phone, laptop] = [await signIn("vera"), await signIn("vera"), await signIn("vera")];
      const rootSession = await signIn("root");
      assert.equal(await openOf("vera"), 3, "the list counts open sessions");

      assert.deepEqual(await as("vera", "viewer", current).staffAdmin.endOwnOtherSessions(), { sessionsEnded: 2 });
      assert.equal(await alive(current, "vera"), true, "the session that asked stays signed in");
      for (const sid of [phone, laptop]) assert.equal(await alive(sid, "vera"), false, "every other session ended");
      assert.equal(await alive(rootSession, "root"), true, "other accounts' sessions are untouched");
      assert.equal(await openOf("vera"), 1);
      assert.equal((await db().staffSession.findUniqueOrThrow({ where: { id: phone } })).revokedReason, "signed out everywhere");
      const ev = await db().staffAuditEvent.findFirstOrThrow({ where: { action: "staff.sessionsEnded", target: "vera" } });
      assert.deepEqual([ev.actor, ev.actorRole, ev.clientAddress, ev.details], ["vera", "viewer", "203.0.113.8", { sessionsEnded: 2, keptOwn: true }]);

      assert.deepEqual(await as("vera", "viewer", current).staffAdmin.endOwnOtherSessions(), { sessionsEnded: 0 }, "again: nothing left to end");
    });

    it("an owner signs another account out everywhere; a viewer cannot; an unknown account is NOT_FOUND", async () => {
      await addStaffAccount(db(), ownerActor("root"), { userName: "otto", password: "otto's password", role: "owner", production: false, nowMs: Date.now() });
      const ottoSessions = [await signIn("otto"), await signIn("otto")];
      const rootSession = await signIn("root");
      const auditBefore = await db().staffAuditEvent.count();

      await assertAppError(as("vera", "viewer").staffAdmin.endSessions({ userName: "otto" }), "FORBIDDEN", "OWNER_ONLY");
      await assertAppError(as("root", "owner", rootSession).staffAdmin.endSessions({ userName: "nobody" }), "NOT_FOUND", "NOT_FOUND");
      await assertAppError(as("root", "owner", rootSession).staffAdmin.endSessions({ userName: "bad name!" }), "BAD_REQUEST", "INVALID_INPUT");
      assert.equal(await db().staffAuditEvent.count(), auditBefore, "refusals write nothing");
      for (const sid of ottoSessions) assert.equal(await alive(sid, "otto"), true, "…and end nothing");

      assert.deepEqual(await as("root", "owner", rootSession).staffAdmin.endSessions({ userName: "otto" }), { sessionsEnded: 2 });
      for (const sid of ottoSessions) assert.equal(await alive(sid, "otto"), false);
      assert.equal(await alive(rootSession, "root"), true);
      const ev = await db().staffAuditEvent.findFirstOrThrow({ where: { action: "staff.sessionsEnded", target: "otto" } });
      assert.deepEqual([ev.actor, ev.actorRole, ev.details], ["root", "owner", { sessionsEnded: 2, keptOwn: false }]);
    });

    it("an owner naming their own account keeps the session asking", async () => {
      const [current, other] = [await signIn("root"), await signIn("root")];
      const { sessionsEnded } = await as("root", "owner", current).staffAdmin.endSessions({ userName: "root" });
      assert.ok(sessionsEnded >= 1);
      assert.equal(await alive(current, "root"), true);
      assert.equal(await alive(other, "root"), false);
    });

    it("two owners at once: each session is ended once, and the two counts add up to the sessions there were", async () => {
      await addStaffAccount(db(), ownerActor("root"), { userName: "tess", password: "tess's password", role: "viewer", production: false, nowMs: Date.now() });
      const sessions = await Promise.all([1, 2, 3, 4].map(() => signIn("tess")));
      const results = await Promise.all([as("root", "owner").staffAdmin.endSessions({ userName: "tess" }), as("otto", "owner").staffAdmin.endSessions({ userName: "tess" })]);
      assert.equal(results[0]!.sessionsEnded + results[1]!.sessionsEnded, sessions.length, JSON.stringify(results));
      for (const sid of sessions) assert.equal(await alive(sid, "tess"), false);
      assert.equal(await db().staffAuditEvent.count({ where: { action: "staff.sessionsEnded", target: "tess" } }), 2);
    });
  });
}
