/**
 * Staff sign-in building blocks: the credential check, the "staff" provider's authorize, and
 * the jwt/session callbacks that turn a sign-in into `session.user = { kind: "staff", name }`.
 * (The HTTP flow through next-auth is covered by e2e/admin-calls.spec.ts.)
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Account, Session, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { resetEnvForTests } from "~/env";
import { authOptions } from "~/server/auth/config";
import { staffProvider, verifyStaffCredentials } from "~/server/auth/staff-provider";

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

  it("accepts only the exact username and password", () => {
    const expected = { username: "operator", password: "pw" };
    assert.deepEqual(verifyStaffCredentials("operator", "pw", expected), { kind: "staff", name: "operator" });
    assert.equal(verifyStaffCredentials("operator", "pw ", expected), null);
    assert.equal(verifyStaffCredentials("operator", "p", expected), null);
    assert.equal(verifyStaffCredentials("Operator", "pw", expected), null);
    assert.equal(verifyStaffCredentials("", "", expected), null);
  });

  it("reads STAFF_USERNAME / STAFF_PASSWORD from the environment", () => {
    assert.ok(verifyStaffCredentials("operator", "correct horse battery staple"));
    assert.equal(verifyStaffCredentials("admin", "admin"), null);
  });

  it("the 'staff' provider returns a user carrying a StaffUser, or null", async () => {
    const provider = staffProvider as CredentialsConfig;
    // next-auth merges the user's settings from `options` over the provider defaults.
    const options = (provider as unknown as { options: CredentialsConfig }).options;
    assert.equal(options.id, "staff");
    const req = { body: {}, query: {}, headers: {}, method: "POST" };
    const ok = await options.authorize({ username: "operator", password: "correct horse battery staple" }, req);
    assert.deepEqual(ok, { id: "staff:operator", name: "operator", sessionUser: { kind: "staff", name: "operator" } });
    assert.equal(await options.authorize({ username: "operator", password: "nope" }, req), null);
    assert.equal(await options.authorize(undefined, req), null);
  });

  it("jwt and session callbacks expose exactly { kind: 'staff', name }", async () => {
    const user: User = { id: "staff:operator", name: "operator", sessionUser: { kind: "staff", name: "operator" } };
    const account: Account = { provider: "staff", type: "credentials", providerAccountId: "staff:operator" };
    const jwt = authOptions.callbacks!.jwt!;
    const token = (await jwt({ token: { name: "operator", sub: "staff:operator" }, user, account })) as JWT;
    assert.deepEqual(token.user, { kind: "staff", name: "operator" });
    // Later requests have no `user`: the stored token.user is kept.
    const again = (await jwt({ token, user: undefined as unknown as User, account: null })) as JWT;
    assert.deepEqual(again.user, { kind: "staff", name: "operator" });

    const sessionCb = authOptions.callbacks!.session! as (p: { session: Session; token: JWT }) => Promise<Session> | Session;
    const session = await sessionCb({ session: { expires: "2030-01-01T00:00:00.000Z", user: undefined }, token });
    assert.deepEqual(session, { expires: "2030-01-01T00:00:00.000Z", user: { kind: "staff", name: "operator" } });
  });

  it("uses NEXTAUTH_SECRET from the environment at use time, with short sessions", () => {
    assert.equal(authOptions.secret, "unit-test-nextauth-secret-0123456789");
    assert.equal(authOptions.session?.strategy, "jwt");
    assert.equal(authOptions.session?.maxAge, 8 * 60 * 60);
    assert.equal(authOptions.pages?.signIn, "/admin/login");
  });
});
