/**
 * Staff sign-in throttling and the attempt record on both databases, with an injected clock:
 * the per-address and per-username limits, the lockout and its wait time, expiry of window and
 * lock, the reset by a correct password, and — the point of keeping it in the database —
 * parallel wrong attempts over the whole connection pool never get more password checks than
 * the limit. Plus the staff-only list of attempts and the provider's "StaffLocked:<s>" answer.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { resetEnvForTests } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { staffLoginMessage } from "~/server/auth/staff-login-error";
import { setDatabaseForTests } from "~/server/db";
import { staffProvider } from "~/server/auth/staff-provider";
import { staffSignIn, type StaffSignInResult } from "~/server/auth/staff-sign-in";
import type { ThrottlePolicy } from "~/server/auth/staff-throttle";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { assertAppError } from "../helpers/trpc";

const USER = "operator";
const PASSWORD = "operator-password-123";
const MIN = 60_000;
const POLICY: ThrottlePolicy = { addressLimit: 3, userLimit: 5, lockMs: 15 * MIN };
/** Each case runs on its own (past) day, so the counters one case leaves behind have expired for the next and for the real clock. */
const dayOf = (n: number) => Date.UTC(2020, 0, n, 10, 0, 0);

/** A sign-in harness over one database, counting how many attempts reached the password check. */
function harness(db: PrismaClient, policy: ThrottlePolicy = POLICY) {
  let checks = 0;
  const deps = {
    db,
    policy,
    sessionMaxAgeSeconds: 3600,
    verify: async (u: string, p: string) => {
      checks++;
      return u === USER && p === PASSWORD ? ({ kind: "staff", name: USER, role: "owner" } as const) : null;
    },
  };
  return {
    get checks() {
      return checks;
    },
    attempt(o: { user?: string; password?: string; address?: string; at: number }): Promise<StaffSignInResult> {
      return staffSignIn(deps, { userName: o.user ?? USER, password: o.password ?? "wrong", clientAddress: o.address ?? "198.51.100.1", userAgent: "test-agent", nowMs: o.at });
    },
  };
}

const kinds = (results: StaffSignInResult[]) => results.map((r) => (r.kind === "locked" ? `locked:${r.scope}:${r.retryAfterSeconds}` : r.kind));

const saved = { ...process.env };
before(() => {
  Object.assign(process.env, { STAFF_USERNAME: USER, STAFF_PASSWORD: PASSWORD, NEXTAUTH_SECRET: "integration-nextauth-secret-0123456789", STAFF_LOGIN_ADDRESS_LIMIT: "2", STAFF_LOGIN_USER_LIMIT: "50", STAFF_LOGIN_LOCK_MINUTES: "10" });
  resetEnvForTests();
});
after(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

for (const target of testTargets()) {
  describe(`staff sign-in throttle on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("per address: the limit's attempts are checked, the next locks for the lock period, the wait counts down, then a fresh window", async () => {
      const d = dayOf(1);
      const s = harness(h.db.prisma);
      const a = "198.51.100.10";
      const results: StaffSignInResult[] = [];
      for (let i = 0; i < 5; i++) results.push(await s.attempt({ address: a, user: `user${i}`, at: d + i * 1000 }));
      assert.deepEqual(kinds(results), ["wrong_credentials", "wrong_credentials", "wrong_credentials", "locked:address:900", "locked:address:899"]);
      assert.equal(s.checks, 3);
      // Retries while locked neither check the password nor extend the lock; even the right password is refused.
      assert.deepEqual(kinds([await s.attempt({ address: a, password: PASSWORD, at: d + 3000 + 10 * MIN })]), ["locked:address:300"]);
      assert.equal(s.checks, 3);
      // Another address is not affected.
      assert.equal((await s.attempt({ address: "198.51.100.11", password: PASSWORD, at: d + 5000 })).kind, "signed_in");
      // After the lock: a fresh window of three.
      const later = d + 3000 + 15 * MIN;
      assert.deepEqual(kinds([await s.attempt({ address: a, at: later }), await s.attempt({ address: a, at: later + 1 }), await s.attempt({ address: a, at: later + 2 })]), ["wrong_credentials", "wrong_credentials", "wrong_credentials"]);
      assert.equal((await s.attempt({ address: a, at: later + 3 })).kind, "locked");
    });

    it("per username: attempts spread over many addresses lock the username (case-insensitive), not the other usernames", async () => {
      const d = dayOf(2);
      const s = harness(h.db.prisma);
      const results: StaffSignInResult[] = [];
      for (let i = 0; i < 6; i++) results.push(await s.attempt({ user: i % 2 ? "Operator " : USER, address: `203.0.113.${i}`, at: d + i }));
      assert.deepEqual(kinds(results), ["wrong_credentials", "wrong_credentials", "wrong_credentials", "wrong_credentials", "wrong_credentials", "locked:user:900"]);
      assert.equal((await s.attempt({ address: "203.0.113.99", password: PASSWORD, at: d + 60_000 })).kind, "locked", "the right password too, from a new address");
      assert.equal((await s.attempt({ user: "someone-else", address: "203.0.113.99", at: d + 60_000 })).kind, "wrong_credentials");
    });

    it("a correct password resets the counters; a window without a lock simply expires", async () => {
      const d = dayOf(3);
      const s = harness(h.db.prisma);
      const a = "198.51.100.20";
      await s.attempt({ address: a, at: d });
      await s.attempt({ address: a, at: d + 1 });
      const ok = await s.attempt({ address: a, password: PASSWORD, at: d + 2 });
      assert.equal(ok.kind, "signed_in");
      // Three more wrong ones are checked again before the lock.
      assert.deepEqual(kinds([await s.attempt({ address: a, at: d + 3 }), await s.attempt({ address: a, at: d + 4 }), await s.attempt({ address: a, at: d + 5 })]), ["wrong_credentials", "wrong_credentials", "wrong_credentials"]);
      // Window over (15 min after its first attempt) without having locked: counting starts again.
      assert.equal((await s.attempt({ address: a, at: d + 3 + 15 * MIN })).kind, "wrong_credentials");
    });

    it("every attempt is recorded with its outcome; a success opens a StaffSession", async () => {
      const d = dayOf(4);
      const s = harness(h.db.prisma);
      const a = "198.51.100.30";
      const at = d + 40 * MIN;
      await s.attempt({ address: a, user: "root", at });
      const ok = await s.attempt({ address: a, password: PASSWORD, at: at + 1 });
      assert.ok(ok.kind === "signed_in");
      for (let i = 0; i < 4; i++) await s.attempt({ address: a, at: at + 2 + i });
      const rows = await h.db.prisma.staffLoginAttempt.findMany({ where: { clientAddress: a }, orderBy: { createdAt: "asc" } });
      assert.deepEqual(
        rows.map((r) => [r.userName, r.outcome, r.retryAfterSeconds, r.userAgent]),
        [
          ["root", "wrong_credentials", null, "test-agent"],
          [USER, "success", null, "test-agent"],
          [USER, "wrong_credentials", null, "test-agent"],
          [USER, "wrong_credentials", null, "test-agent"],
          [USER, "wrong_credentials", null, "test-agent"],
          [USER, "locked_address", 900, "test-agent"],
        ],
      );
      assert.equal(rows[1]!.sessionId, ok.sessionId);
      const session = await h.db.prisma.staffSession.findUniqueOrThrow({ where: { id: ok.sessionId } });
      assert.deepEqual([session.userName, session.clientAddress, session.expiresAt.getTime()], [USER, a, at + 1 + 3600_000]);
    });

    it("40 parallel wrong attempts from one address over the pool: exactly the limit reach the password check", async () => {
      const d = dayOf(5);
      const s = harness(h.db.prisma, { addressLimit: 4, userLimit: 1000, lockMs: 15 * MIN });
      const at = d + 2 * 60 * MIN;
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => s.attempt({ address: "192.0.2.1", user: `spray${i}`, at })));
      assert.equal(s.checks, 4);
      assert.equal(results.filter((r) => r.kind === "wrong_credentials").length, 4);
      assert.equal(results.filter((r) => r.kind === "locked").length, 36);
      assert.equal(await h.db.prisma.staffLoginAttempt.count({ where: { clientAddress: "192.0.2.1" } }), 40, "every attempt recorded");
      const row = await h.db.prisma.staffLoginThrottle.findUniqueOrThrow({ where: { scope_key: { scope: "address", key: "192.0.2.1" } } });
      assert.equal(row.lockedUntil?.getTime(), at + 15 * MIN);
    });

    it("40 parallel attempts on one username from 40 addresses: exactly the username limit are checked", async () => {
      const d = dayOf(6);
      const s = harness(h.db.prisma, { addressLimit: 10, userLimit: 6, lockMs: 15 * MIN });
      const at = d + 3 * 60 * MIN;
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => s.attempt({ user: "victim", address: `192.0.2.${100 + i}`, at })));
      assert.equal(s.checks, 6);
      assert.equal(results.filter((r) => r.kind === "locked" && r.scope === "user").length, 34);
    });

    it("a username holding NUL or an unpaired surrogate is a wrong credential: recorded (made storable) and throttled", async () => {
      const authorize = (staffProvider as unknown as { options: CredentialsConfig }).options.authorize;
      const req = (ip: string) => ({ body: {}, query: {}, headers: { "x-forwarded-for": ip }, method: "POST" });
      const cases: [string, string, string][] = [
        ["NUL", `${USER}\u0000`, `${USER}\uFFFD`],
        ["only NUL", "\u0000", "\uFFFD"],
        ["lone high surrogate", "x\ud800", "x\uFFFD"],
        ["lone low surrogate", "\udc00", "\uFFFD"],
      ];
      for (const [i, [name, typed, stored]] of cases.entries()) {
        const ip = `198.51.100.${120 + i}`;
        // The environment of this file: 2 attempts per address; the third is locked, not a database error.
        assert.equal(await authorize({ username: typed, password: PASSWORD }, req(ip)), null, name);
        assert.equal(await authorize({ username: typed, password: "nope" }, req(ip)), null, name);
        await assert.rejects(async () => authorize({ username: typed, password: PASSWORD }, req(ip)), /^Error: StaffLocked:\d+$/, name);
        const rows = await h.db.prisma.staffLoginAttempt.findMany({ where: { clientAddress: ip }, orderBy: { createdAt: "asc" } });
        assert.deepEqual(rows.map((r) => [r.userName, r.outcome]), [[stored, "wrong_credentials"], [stored, "wrong_credentials"], [stored, "locked_address"]], name);
      }
      // Throttled per username too: the same typed name from other addresses shares one counter.
      const d = dayOf(20);
      const s = harness(h.db.prisma);
      const results: StaffSignInResult[] = [];
      for (let i = 0; i < 6; i++) results.push(await s.attempt({ user: "someone\u0000else", address: `203.0.113.${50 + i}`, at: d + i }));
      assert.deepEqual(kinds(results), [...Array(5).fill("wrong_credentials"), "locked:user:900"]);
    });

    it("a database failure is answered StaffSignInFailed (the form's generic message), never the database's text", async () => {
      const authorize = (staffProvider as unknown as { options: CredentialsConfig }).options.authorize;
      const broken = new Proxy(h.db.prisma, {
        get(target, prop, receiver) {
          if (prop === "$queryRaw") return () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00 (password=hunter2)'));
          return Reflect.get(target, prop, receiver);
        },
      });
      setDatabaseForTests({ ...h.db, prisma: broken } as typeof h.db);
      try {
        await assert.rejects(async () => authorize({ username: USER, password: PASSWORD }, { body: {}, query: {}, headers: { "x-forwarded-for": "198.51.100.140" }, method: "POST" }), (err: Error) => {
          assert.equal(err.message, "StaffSignInFailed");
          assert.equal(staffLoginMessage(err.message), "Sign-in failed. Please try again.");
          return true;
        });
      } finally {
        setDatabaseForTests(h.db);
      }
    });

    it("the provider answers StaffLocked:<seconds> (the form's wait message); the record is for staff only", async () => {
      const authorize = (staffProvider as unknown as { options: CredentialsConfig }).options.authorize;
      const req = (ip: string) => ({ body: {}, query: {}, headers: { "x-forwarded-for": `10.0.0.1, ${ip}` }, method: "POST" });
      // The environment of this file: 2 attempts per address, 10 minutes.
      assert.equal(await authorize({ username: USER, password: "nope" }, req("198.51.100.77")), null);
      assert.equal(await authorize({ username: USER, password: "nope" }, req("198.51.100.77")), null);
      await assert.rejects(async () => authorize({ username: USER, password: PASSWORD }, req("198.51.100.77")), (err: Error) => {
        assert.match(err.message, /^StaffLocked:(59\d|600)$/);
        assert.match(staffLoginMessage(err.message), /^Too many sign-in attempts\. Sign-in is locked; try again in 10 minutes\.$/);
        return true;
      });
      const rows = await h.db.prisma.staffLoginAttempt.findMany({ where: { clientAddress: "198.51.100.77" } });
      assert.equal(rows.length, 3, "the rightmost X-Forwarded-For entry is the address (the client-written one is ignored)");

      const staff = createCaller(createContextInner({ session: { expires: "2099-01-01d0:00:00.000Z", user: { kind: "staff", name: USER, role: "owner" } } }));
      const list = await staff.signInAdmin.list({ limit: 500 });
      assert.ok(list.attempts.some((r) => r.clientAddress === "198.51.100.77" && r.outcome === "locked_address"));
      assert.ok(list.locks.some((l) => l.scope === "address" && l.key === "198.51.100.77"));
      assert.ok(!JSON.stringify(list).includes("sessionId"));
      const customer = createCaller(createContextInner({ session: { expires: "2099-01-01d0:00:00.000Z", user: { kind: "customer", name: "x", tenantId: "t", userName: "x", role: "user", instanceId: "i" } } }));
      await assertAppError(customer.signInAdmin.list({}), "FORBIDDEN", "FORBIDDEN");
      await assertAppError(createCaller(createContextInner({ session: null })).signInAdmin.list({}), "UNAUTHORIZED", "UNAUTHENTICATED");
    });

    it("an owner lifts a lock: the next attempt is checked again; two owners at once lift it once; a counter not locked changes nothing", async () => {
      // Only the address is locked here: earlier cases counted this username on the real clock too.
      const s = harness(h.db.prisma, { ...POLICY, userLimit: 1000 });
      const a = "198.51.100.88";
      const now = Date.now(); // the router lifts on the real clock: the lock must be in force now
      for (let i = 0; i < 4; i++) await s.attempt({ address: a, at: now + i });
      assert.equal((await s.attempt({ address: a, password: PASSWORD, at: now + 10 })).kind, "locked");
      const as = (name: string, role: "owner" | "viewer") =>
        createCaller(createContextInner({ session: { expires: "2099-01-01T00:00:00.000Z", user: { kind: "staff", name, role } }, clientAddress: "203.0.113.9" }));
      assert.ok((await as("ann", "owner").signInAdmin.list({})).locks.some((l) => l.scope === "address" && l.key === a));
      await assertAppError(as("vic", "viewer").signInAdmin.unlock({ scope: "address", key: a }), "FORBIDDEN", "OWNER_ONLY");
      await assertAppError(as("ann", "owner").signInAdmin.unlock({ scope: "everything" as "user", key: a }), "BAD_REQUEST", "INVALID_INPUT");

      const lifted = await Promise.all([as("ann", "owner").signInAdmin.unlock({ scope: "address", key: a }), as("bob", "owner").signInAdmin.unlock({ scope: "address", key: a })]);
      assert.deepEqual(lifted.map((r) => r.lifted).sort(), [false, true]);
      const audit = await h.db.prisma.staffAuditEvent.findMany({ where: { action: "staff.unlock", target: a } });
      assert.equal(audit.length, 1, "one audit row, from the owner who lifted it");
      assert.deepEqual([audit[0]!.actorRole, audit[0]!.clientAddress, audit[0]!.details], ["owner", "203.0.113.9", { scope: "address" }]);
      assert.ok(!(await as("ann", "owner").signInAdmin.list({})).locks.some((l) => l.key === a));
      assert.equal((await s.attempt({ address: a, password: PASSWORD, at: Date.now() })).kind, "signed_in", "the right password passes again");
      assert.deepEqual(await as("ann", "owner").signInAdmin.unlock({ scope: "address", key: a }), { lifted: false });
      assert.deepEqual(await as("ann", "owner").signInAdmin.unlock({ scope: "user", key: "nobody-locked" }), { lifted: false });
      assert.equal(await h.db.prisma.staffAuditEvent.count({ where: { action: "staff.unlock" } }), 1, "no-ops write no audit row");
    });
  });
}
