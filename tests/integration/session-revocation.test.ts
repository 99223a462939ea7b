/**
 * Revocation is immediate, on both databases. A session cookie is replayed the way the server
 * reads it on every request (decode → jwt callback → session callback, as getServerSession
 * does) and then used on the tRPC procedures:
 * - staff: a cookie copied before sign-out stops working on the staff procedures at once
 *   (sign-out = next-auth's signOut event, which revokes the StaffSession row);
 * - customers: authSync enable=false / flag 0 / flag 3 and tenantSync flag 0 end the users'
 *   sessions in the sync's transaction, so `tenant.me` and `project.create` fail on the very
 *   next request, and only the users the call named lose their session.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { User } from "next-auth";
import { decode, encode, type JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { resetEnvForTests } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { Session } from "~/server/auth";
import { authOptions } from "~/server/auth/config";
import { staffProvider } from "~/server/auth/staff-provider";
import { sessionOfRequest, signInCustomer } from "../helpers/customer-sign-in";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { callKit, kitTimeStamp } from "../helpers/marketplace";
import { emulator, LOGIN_APP_ID, LOGIN_APP_URL, syncLoginTenant, type SyncedTenant } from "../helpers/oneaccess";
import { assertAppError } from "../helpers/trpc";

const SECRET = "integration-nextauth-secret-0123456789";
const STAFF = { username: "operator", password: "operator-password-123" };
const saved = { ...process.env };

before(() => {
  Object.assign(process.env, {
    APP_URL: LOGIN_APP_URL,
    NEXTAUTH_URL: LOGIN_APP_URL,
    NEXTAUTH_SECRET: SECRET,
    KOOGALLERY_APP_ID: LOGIN_APP_ID,
    STAFF_USERNAME: STAFF.username,
    STAFF_PASSWORD: STAFF.password,
  });
  resetEnvForTests();
});
after(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

const api = (session: Session | null) => createCaller(createContextInner({ session }));

/** The cookie as the browser stores it, and what the server makes of it on a request. */
async function cookieOf(token: JWT): Promise<string> {
  return encode({ token, secret: SECRET });
}
async function replay(cookie: string): Promise<Session> {
  return sessionOfRequest((await decode({ token: cookie, secret: SECRET }))!);
}

/** The staff sign-in as next-auth runs it: authorize, then the jwt callback with the user. */
async function staffSignIn(address = "203.0.113.10"): Promise<JWT> {
  const authorize = (staffProvider as unknown as { options: CredentialsConfig }).options.authorize;
  const req = { body: {}, query: {}, headers: { "x-forwarded-for": address, "user-agent": "test" }, method: "POST" };
  const user = (await authorize({ username: STAFF.username, password: STAFF.password }, req)) as User | null;
  assert.ok(user, "the staff sign-in succeeds");
  return (await authOptions.callbacks!.jwt!({ token: { sub: user.id, name: user.name }, user, account: { provider: "staff", type: "credentials", providerAccountId: user.id } })) as JWT;
}

async function authSync(prisma: PrismaClient, t: SyncedTenant, flag: 0 | 2 | 3, users: Array<{ userName: string; enable?: "true" | "false" }>, appId = LOGIN_APP_ID) {
  const ts = kitTimeStamp();
  const userList = users.map((u) => ({ userName: u.userName, name: u.userName.toUpperCase(), orgCode: "1", role: "user", enable: u.enable ?? "true" }));
  const r = await callKit(prisma, "authSync", { instanceId: t.instanceId, tenantId: t.tenantId, appId, currentSyncTime: ts, flag, testFlag: 0, timeStamp: ts, userList });
  assert.equal(r.json.resultCode, "000000", r.text);
}

for (const target of testTargets()) {
  describe(`session revocation on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("staff: a cookie copied before sign-out stops working on the staff procedures right after it", async () => {
      const token = await staffSignIn();
      assert.ok(token.sid, "the JWT carries the StaffSession id");
      const row = await h.db.prisma.staffSession.findUniqueOrThrow({ where: { id: token.sid } });
      assert.equal(row.userName, STAFF.username);
      assert.equal(row.clientAddress, "203.0.113.10");
      const copied = await cookieOf(token);

      const live = await replay(copied);
      assert.deepEqual(live.user, { kind: "staff", name: STAFF.username, role: "owner" });
      await api(live).callLog.list({});

      await authOptions.events!.signOut!({ token, session: undefined as never });
      assert.equal((await h.db.prisma.staffSession.findUniqueOrThrow({ where: { id: token.sid } })).revokedReason, "signout");

      const dead = await replay(copied);
      assert.equal(dead.user, undefined);
      await assertAppError(api(dead).callLog.list({}), "UNAUTHORIZED", "UNAUTHENTICATED");
      await assertAppError(api(dead).instanceAdmin.list({}), "UNAUTHORIZED", "UNAUTHENTICATED");
      // Another staff session (another browser) is not affected.
      const other = await staffSignIn("203.0.113.11");
      assert.deepEqual((await replay(await cookieOf(other))).user, { kind: "staff", name: STAFF.username, role: "owner" });
    });

    it("staff: a token without a session id, or one naming an unknown session, is signed out", async () => {
      const forged = await cookieOf({ sub: "staff:operator", user: { kind: "staff", name: STAFF.username, role: "owner" } });
      assert.equal((await replay(forged)).user, undefined);
      const unknown = await cookieOf({ sub: "staff:operator", sid: "no-such-session", user: { kind: "staff", name: STAFF.username, role: "owner" } });
      assert.equal((await replay(unknown)).user, undefined);
    });

    it("customer: authSync enable=false ends the session at once — tenant.me and project.create fail on the next request", async () => {
      const t = await syncLoginTenant(h.db.prisma, { users: [{ userName: "alice", role: "admin" }, { userName: "bob" }] });
      const em = emulator(h.db.prisma);
      const bob = await signInCustomer(h.db.prisma, em, t, await em.code(t, "bob"));
      const alice = await signInCustomer(h.db.prisma, em, t, await em.code(t, "alice"));
      assert.ok(bob.ok && alice.ok);
      const bobCookie = await cookieOf(bob.token);

      const before = await replay(bobCookie);
      assert.equal((await api(before).tenant.me()).user.userName, "bob");
      await api(before).project.create({ name: "before the disable" });

      await authSync(h.db.prisma, t, 2, [{ userName: "bob", enable: "false" }]);

      const after = await replay(bobCookie);
      assert.equal(after.user, undefined);
      assert.equal(after.ended, "disabled");
      await assertAppError(api(after).tenant.me(), "UNAUTHORIZED", "UNAUTHENTICATED");
      await assertAppError(api(after).project.create({ name: "after the disable" }), "UNAUTHORIZED", "UNAUTHENTICATED");
      assert.equal(await h.db.prisma.project.count({ where: { tenantId: t.tenantId, name: "after the disable" } }), 0);
      // Alice was not in the call: her session lives on.
      assert.equal((await api(await replay(await cookieOf(alice.token))).tenant.me()).user.userName, "alice");
    });

    it("customer: delete (flag 0) and un-grant of this app (flag 3) end the sessions; un-granting another app does not", async () => {
      const t = await syncLoginTenant(h.db.prisma, { users: [{ userName: "alice" }, { userName: "bob" }, { userName: "carl" }] });
      const em = emulator(h.db.prisma);
      const [alice, bob, carl] = [
        await signInCustomer(h.db.prisma, em, t, await em.code(t, "alice")),
        await signInCustomer(h.db.prisma, em, t, await em.code(t, "bob")),
        await signInCustomer(h.db.prisma, em, t, await em.code(t, "carl")),
      ];
      assert.ok(alice.ok && bob.ok && carl.ok);

      await authSync(h.db.prisma, t, 3, [{ userName: "carl" }], "some-other-app");
      assert.ok((await replay(await cookieOf(carl.token))).user, "a grant of another app is not this session's");

      await authSync(h.db.prisma, t, 0, [{ userName: "alice" }]);
      await authSync(h.db.prisma, t, 3, [{ userName: "bob" }]);
      const reasons = await h.db.prisma.customerSession.findMany({ where: { id: { in: [alice.sid, bob.sid, carl.sid] } }, select: { userName: true, revokedReason: true }, orderBy: { userName: "asc" } });
      assert.deepEqual(reasons, [
        { userName: "alice", revokedReason: "deleted" },
        { userName: "bob", revokedReason: "unauthorized" },
        { userName: "carl", revokedReason: null },
      ]);
      assert.equal((await replay(await cookieOf(alice.token))).ended, "not_synced");
      assert.equal((await replay(await cookieOf(bob.token))).ended, "not_granted");
      assert.ok((await replay(await cookieOf(carl.token))).user);
    });

    it("customer: tenantSync flag 0 (unbind) ends every session of that tenant and no other", async () => {
      const a = await syncLoginTenant(h.db.prisma);
      const b = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma);
      const a1 = await signInCustomer(h.db.prisma, em, a, await em.code(a, "alice"));
      const a2 = await signInCustomer(h.db.prisma, em, a, await em.code(a, "bob"));
      const b1 = await signInCustomer(h.db.prisma, em, b, await em.code(b, "alice"));
      assert.ok(a1.ok && a2.ok && b1.ok);

      const ts = kitTimeStamp();
      const r = await callKit(h.db.prisma, "tenantSync", { instanceId: a.instanceId, tenantId: a.tenantId, tenantCode: a.tenantCode, name: a.name, domainName: a.domainName, flag: 0, testFlag: 0, timeStamp: ts });
      assert.equal(r.json.resultCode, "000000", r.text);

      for (const s of [a1, a2]) {
        const after = await replay(await cookieOf(s.token));
        assert.equal(after.ended, "tenant_unknown");
        await assertAppError(api(after).tenant.me(), "UNAUTHORIZED", "UNAUTHENTICATED");
      }
      assert.equal((await api(await replay(await cookieOf(b1.token))).tenant.me()).tenant.tenantId, b.tenantId);
    });
  });
}
