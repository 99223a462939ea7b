/**
 * Staff sign-in building blocks: the jwt/session callbacks that turn a
 * sign-in into `session.user = { kind: "staff", name }` with the StaffSession id, the
 * per-request session check (with a stand-in checker), and the login form's messages.
 * (authorize with its throttle and database: tests/integration/staff-sign-in.test.ts; the HTTP
 * flow through next-auth: e2e/admin-calls.spec.ts and e2e/security.spec.ts.)
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Account, Session, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { resetEnvForTests } from "~/env";
import { authOptions } from "~/server/auth/config";
import { lockedErrorCode, loginErrorCode, staffLoginMessage } from "~/server/auth/staff-login-error";
import { staffJwt } from "~/server/auth/staff-session";

const saved = { ...process.env };

describe("staff credentials", () => {
  beforeEach(() => {
    process.env.STAFF_USERNAME = "operator";
    process.env.STAFF_PASSWORD = "correct horse battery staple";
    process.env.NEXTAUTH_SECRET = "unit-test-nextauth-secret-0123456789";
    resetEnvForTests();
  });
  afterEach(() => {
    process.env = { ...saved };
    resetEnvForTests();
  });

  it("jwt and session callbacks expose exactly { kind: 'staff', name, role } and carry the session id", async () => {
    const user: User = { id: "staff:operator", name: "operator", sessionUser: { kind: "staff", name: "operator", role: "owner" }, sessionId: "sid-1" };
    const account: Account = { provider: "staff", type: "credentials", providerAccountId: "staff:operator" };
    const jwt = authOptions.callbacks!.jwt!;
    const token = (await jwt({ token: { name: "operator", sub: "staff:operator" }, user, account })) as JWT;
    assert.deepEqual(token.user, { kind: "staff", name: "operator", role: "owner" });
    assert.equal(token.sid, "sid-1");

    const sessionCb = authOptions.callbacks!.session! as (p: { session: Session; token: JWT }) => Promise<Session> | Session;
    const session = await sessionCb({ session: { expires: "2030-01-01T00:00:00.000Z", user: undefined }, token });
    assert.deepEqual(session, { expires: "2030-01-01T00:00:00.000Z", user: { kind: "staff", name: "operator", role: "owner" } });
  });

  it("later requests keep a staff token only while its session is alive", async () => {
    const token: JWT = { sub: "staff:operator", sid: "sid-1", user: { kind: "staff", name: "operator", role: "owner" } };
    const seen: Array<[string, string]> = [];
    const alive = await staffJwt(token, async (sid, name) => (seen.push([sid, name]), { ok: true, role: "owner" }));
    assert.deepEqual(alive, token);
    assert.deepEqual(seen, [["sid-1", "operator"]]);
    // The role is the account's as it is now: a demotion applies to the next request.
    const demoted = await staffJwt(token, async () => ({ ok: true, role: "viewer" }));
    assert.deepEqual(demoted.user, { kind: "staff", name: "operator", role: "viewer" });
    assert.deepEqual(await staffJwt(token, async () => ({ ok: false, reason: "revoked (signout)" })), { sub: "staff:operator" });
    // No session id (a token minted before sessions were server-side): signed out without a lookup.
    const { sid: _sid, ...legacy } = token;
    assert.deepEqual(await staffJwt(legacy, async () => assert.fail("no lookup without a sid")), { sub: "staff:operator" });
  });

  it("the login form's messages, with the wait time of a lockout", () => {
    assert.equal(staffLoginMessage("CredentialsSignin"), "Wrong username or password.");
    assert.equal(staffLoginMessage(lockedErrorCode(14 * 60 + 1)), "Too many sign-in attempts. Sign-in is locked; try again in 15 minutes.");
    assert.equal(staffLoginMessage(lockedErrorCode(60)), "Too many sign-in attempts. Sign-in is locked; try again in 1 minute.");
    assert.equal(staffLoginMessage(lockedErrorCode(0.2)), "Too many sign-in attempts. Sign-in is locked; try again in 1 second.");
    assert.equal(staffLoginMessage(lockedErrorCode(45)), "Too many sign-in attempts. Sign-in is locked; try again in 45 seconds.");
    for (const odd of ["StaffLocked:", "StaffLocked:-5", "StaffLocked:abc", "StaffLocked:1e99", "<script>", ""]) {
      assert.equal(staffLoginMessage(odd), "Sign-in failed. Please try again.", odd);
    }
  });

  it("the login page hands its form a known code only, whatever ?error= holds", () => {
    const cases: [string, string][] = [
      ["CredentialsSignin", "CredentialsSignin"],
      ["SessionRequired", "SessionRequired"],
      ["StaffLocked:120", "StaffLocked:120"],
      ["StaffSignInFailed", "StaffSignInFailed"],
      ["StaffLocked:-5", "StaffSignInFailed"],
      ["\nInvalid `prisma.staffLoginAttempt.create()` invocation: invalid byte sequence for encoding \"UTF8\": 0x00", "StaffSignInFailed"],
      ["a\u0000b", "StaffSignInFailed"],
      ["\ud800", "StaffSignInFailed"],
      ["x".repeat(10_000), "StaffSignInFailed"],
      ["", "StaffSignInFailed"],
    ];
    for (const [value, code] of cases) assert.equal(loginErrorCode(value), code, JSON.stringify(value.slice(0, 40)));
  });

  it("uses NEXTAUTH_SECRET from the environment at use time, with short sessions", () => {
    assert.equal(authOptions.secret, "unit-test-nextauth-secret-0123456789");
    assert.equal(authOptions.session?.strategy, "jwt");
    assert.equal(authOptions.session?.maxAge, 8 * 60 * 60);
    assert.equal(authOptions.pages?.signIn, "/admin/login");
  });
});
