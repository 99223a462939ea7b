/**
 * The 联营账号 next-auth pieces without a database or a server: the per-tenant OAuth provider
 * (token / userinfo requests and their mapping, the spec's error bodies), the sign-in decision
 * (tenant mismatch, resolveCustomer refusals), the session user, the callback options' signIn
 * and jwt callbacks, the refresh decision (before expiry, rotation, failures), the jwt
 * callback's session check and the state cookie.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Application, Instance, Tenant, TenantUser } from "~/generated/prisma/client";
import { authOptions } from "~/server/auth/config";
import { customerJwt, refreshIfNeeded, tokensFromResponse, type SessionCheck } from "~/server/auth/customer-session";
import { LOGIN_ERRORS, loginErrorForOneAccess, loginErrorMessage } from "~/server/auth/login-errors";
import { clearLoginStateCookie, loginStateCookie, openLoginState, sealLoginState } from "~/server/auth/login-state";
import {
  callbackAuthOptions,
  customerSessionUser,
  decideCustomerSignIn,
  newCallbackContext,
  oneAccessProvider,
  type OneAccessCallbackContext,
  type ResolvedTenantLogin,
} from "~/server/auth/oneaccess-provider";
import type { CustomerUser } from "~/server/auth/session-user";
import { seal } from "~/server/crypto/at-rest";
import {
  isOneAccessError,
  oneAccessEndpoints,
  refreshAccessToken,
  SPEC_ERRORS,
  type FetchLike,
  type OneAccessDb,
  type OneAccessUserInfo,
} from "~/server/oneaccess";

const DOMAIN = "https://t1.tenantaccount.example";
const NOW = Date.UTC(2026, 10, 24, 8, 0, 0);
const T = (over: Partial<Tenant> = {}): Tenant => ({
  id: "00000000-0000-0000-0000-000000000001",
  tenantId: "tenant-1",
  tenantCode: "acme",
  name: "Acme 公司",
  domainName: DOMAIN,
  instanceId: "inst-1",
  orderId: "CS1",
  isTest: false,
  createdAt: new Date(NOW),
  updatedAt: new Date(NOW),
  deletedAt: null,
  ...over,
});
const APP: Application = {
  id: "00000000-0000-0000-0000-000000000002",
  tenantId: "tenant-1",
  appId: "app-1",
  instanceId: "inst-1",
  clientId: "client-1",
  clientSecretEnc: "unused",
  isTest: false,
  createdAt: new Date(NOW),
  updatedAt: new Date(NOW),
  deletedAt: null,
};
const U = (over: Partial<TenantUser> = {}): TenantUser => ({
  id: "00000000-0000-0000-0000-000000000003",
  tenantId: "tenant-1",
  userName: "zhangsan",
  name: "张三",
  orgCode: "10000",
  role: "admin",
  enabled: true,
  position: null,
  employeeCode: null,
  employeeType: null,
  mobile: null,
  email: null,
  workPlace: null,
  entryDate: null,
  isTest: false,
  createdAt: new Date(NOW),
  updatedAt: new Date(NOW),
  deletedAt: null,
  ...over,
});
const I = (over: Partial<Instance> = {}) => ({ id: "inst-1", status: "ACTIVE", ...over }) as Instance;

const login: ResolvedTenantLogin = { ok: true, tenant: T(), application: APP, clientSecret: "plain-secret", endpoints: oneAccessEndpoints(DOMAIN) };

interface Seen {
  url: string;
  init: RequestInit;
}
function fakeFetch(respond: (call: Seen) => Response): FetchLike & { calls: Seen[] } {
  const calls: Seen[] = [];
  return Object.assign(
    async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return respond({ url, init });
    },
    { calls },
  );
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json;charset=UTF-8" } });

const TOKEN_ANSWER = { access_token: "AT-1", token_type: "Bearer" as const, expires_in: 7200, scope: "get_user_info", refresh_token: "RT-1" };
const USERINFO = {
  id: "20201029190841785-CB37",
  userName: "zhangsan",
  name: "张三",
  email: "zs@example.com",
  role: "admin",
  organizationCode: "10000",
  projectName: "Acme 公司",
  tenant: "tenant-1",
};

function ctxWith(fetch: FetchLike, over: Partial<OneAccessCallbackContext> = {}): OneAccessCallbackContext {
  return newCallbackContext({ tenantId: "tenant-1", login, fetch, now: () => NOW, timeoutMs: 60_000, ...over });
}

/** The provider as next-auth would call it (token.request / userinfo.request / profile). */
function parts(p: OAuthConfig<OneAccessUserInfo>) {
  const token = p.token as { url: string; request: (ctx: { params: { code?: string } }) => Promise<{ tokens: Record<string, unknown> }> };
  const userinfo = p.userinfo as { url: string; request: (ctx: { tokens: { access_token?: string } }) => Promise<OneAccessUserInfo> };
  return { token, userinfo };
}

/** Minimal in-memory OneAccessDb for resolveCustomer. */
function fakeDb(data: { tenant?: Tenant | null; user?: TenantUser | null; grant?: boolean; instance?: Instance | null } = {}) {
  const created: Record<string, unknown>[] = [];
  const db = {
    tenant: { findUnique: async () => (data.tenant === undefined ? T() : data.tenant) },
    tenantUser: { findUnique: async () => (data.user === undefined ? U() : data.user) },
    userAppGrant: { findUnique: async () => (data.grant === false ? null : { id: "g" }) },
    instance: { findUnique: async () => (data.instance === undefined ? I() : data.instance) },
    application: { findFirst: async () => APP },
    customerSession: {
      create: async ({ data: row }: { data: Record<string, unknown> }) => {
        created.push(row);
        return row;
      },
      deleteMany: async () => ({ count: 0 }),
    },
  };
  return { db: db as unknown as OneAccessDb & { customerSession: never }, created };
}

describe("OneAccess provider (per tenant)", () => {
  it("is an OAuth provider with id 'oneaccess', no next-auth checks, and the tenant's endpoints and client", () => {
    const p = oneAccessProvider(ctxWith(fakeFetch(() => json(200, {}))));
    assert.equal(p.id, "oneaccess");
    assert.equal(p.type, "oauth");
    assert.deepEqual(p.checks, ["none"]);
    assert.equal(p.clientId, "client-1");
    assert.equal(p.clientSecret, "plain-secret");
    const { token, userinfo } = parts(p);
    assert.equal(token.url, `${DOMAIN}/api/v1/oauth2/token`);
    assert.equal(userinfo.url, `${DOMAIN}/api/v1/oauth2/userinfo`);
  });

  it("token.request exchanges the code with client_secret in the form and maps the answer", async () => {
    const fetch = fakeFetch(() => json(200, TOKEN_ANSWER));
    const ctx = ctxWith(fetch);
    const { tokens } = await parts(oneAccessProvider(ctx)).token.request({ params: { code: "CODE-1" } });
    assert.equal(fetch.calls[0]!.url, `${DOMAIN}/api/v1/oauth2/token`);
    assert.equal(fetch.calls[0]!.init.method, "POST");
    const form = new URLSearchParams(String(fetch.calls[0]!.init.body));
    assert.deepEqual(Object.fromEntries(form), { client_id: "client-1", client_secret: "plain-secret", code: "CODE-1", grant_type: "authorization_code" });
    assert.deepEqual(tokens, { access_token: "AT-1", token_type: "Bearer", refresh_token: "RT-1", scope: "get_user_info", expires_at: NOW / 1000 + 7200 });
    assert.deepEqual(ctx.outcome.tokens, { accessToken: "AT-1", refreshToken: "RT-1", expiresAtMs: NOW + 7200_000 });
  });

  it("sends redirect_uri only for logins we started (the unified login's is not ours to know)", async () => {
    const fetch = fakeFetch(() => json(200, TOKEN_ANSWER));
    await parts(oneAccessProvider(ctxWith(fetch, { redirectUri: "https://saas.example.com/api/auth/callback/oneaccess" }))).token.request({ params: { code: "C" } });
    assert.equal(new URLSearchParams(String(fetch.calls[0]!.init.body)).get("redirect_uri"), "https://saas.example.com/api/auth/callback/oneaccess");
  });

  it("an answer without refresh_token (or with expires_in as a string) still maps", async () => {
    const ctx = ctxWith(fakeFetch(() => json(200, { access_token: "AT", token_type: "bearer", expires_in: "60" })));
    const { tokens } = await parts(oneAccessProvider(ctx)).token.request({ params: { code: "C" } });
    assert.deepEqual(tokens, { access_token: "AT", token_type: "Bearer", expires_at: NOW / 1000 + 60 });
    assert.deepEqual(ctx.outcome.tokens, { accessToken: "AT", refreshToken: undefined, expiresAtMs: NOW + 60_000 });
  });

  it("userinfo.request sends the Bearer token and profile() makes the id '{tenant}:{userName}'", async () => {
    const fetch = fakeFetch(() => json(200, USERINFO));
    const ctx = ctxWith(fetch);
    const p = oneAccessProvider(ctx);
    const info = await parts(p).userinfo.request({ tokens: { access_token: "AT-1" } });
    assert.equal(fetch.calls[0]!.url, `${DOMAIN}/api/v1/oauth2/userinfo`);
    assert.deepEqual(fetch.calls[0]!.init.headers, { Authorization: "Bearer AT-1", Accept: "application/json" });
    assert.equal(info.userName, "zhangsan");
    assert.equal(ctx.outcome.userInfo, info);
    const user = await p.profile(info, {} as never);
    assert.deepEqual(user, { id: "tenant-1:zhangsan", name: "张三", email: "zs@example.com" });
    // The documented minimal answer (no name, no tenant) still gives an id.
    assert.deepEqual(await p.profile({ userName: "test" } as OneAccessUserInfo, {} as never), { id: "tenant-1:test", name: "test", email: null });
  });

  it("the spec's error answers are recorded and become the login error the user reads", async () => {
    const cases: Array<[string, Response, "token" | "userinfo", string, string]> = [
      ["invalid code", json(400, SPEC_ERRORS.invalidCode), "token", "invalid_grant", "oauth_invalid_grant"],
      ["bad client", json(401, SPEC_ERRORS.unauthorized), "token", "unauthorized", "oauth_unauthorized"],
      ["expired access token", json(401, SPEC_ERRORS.unauthorized), "userinfo", "unauthorized", "oauth_unauthorized"],
      ["gateway error", new Response("<html>502</html>", { status: 502 }), "token", "bad_response", "oauth_bad_response"],
      ["shape", json(200, { access_token: "x" }), "token", "bad_response", "oauth_bad_response"],
    ];
    for (const [name, response, endpoint, kind, code] of cases) {
      const ctx = ctxWith(fakeFetch(() => response.clone()));
      const { token, userinfo } = parts(oneAccessProvider(ctx));
      const call = endpoint === "token" ? token.request({ params: { code: "C" } }) : userinfo.request({ tokens: { access_token: "AT" } });
      await assert.rejects(call, (err: unknown) => isOneAccessError(err) && err.kind === kind, name);
      assert.ok(isOneAccessError(ctx.outcome.error), name);
      assert.equal(loginErrorForOneAccess(ctx.outcome.error), code, name);
    }
    const down = ctxWith(async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    });
    await assert.rejects(parts(oneAccessProvider(down)).token.request({ params: { code: "C" } }));
    assert.equal(loginErrorForOneAccess(isOneAccessError(down.outcome.error) ? down.outcome.error : undefined), "oauth_unavailable");
  });
});

describe("sign-in decision and session user", () => {
  it("maps a synced, enabled, granted user of a live instance to the customer SessionUser", async () => {
    const { db } = fakeDb();
    const d = await decideCustomerSignIn(ctxWith(fakeFetch(() => json(200, {})), { requireGrantFor: "app-1" }), db, USERINFO as OneAccessUserInfo);
    assert.ok(d.ok);
    assert.deepEqual(customerSessionUser(d.customer), { kind: "customer", name: "张三", tenantId: "tenant-1", userName: "zhangsan", role: "admin", instanceId: "inst-1" });
  });

  it("refuses a userinfo of another tenant before looking the user up", async () => {
    let looked = false;
    const { db } = fakeDb();
    (db.tenant as unknown as { findUnique: () => Promise<Tenant> }).findUnique = async () => {
      looked = true;
      return T();
    };
    const d = await decideCustomerSignIn(ctxWith(fakeFetch(() => json(200, {}))), db, { ...USERINFO, tenant: "tenant-2" } as OneAccessUserInfo);
    assert.deepEqual(d.ok ? null : d.code, "tenant_mismatch");
    assert.equal(looked, false);
  });

  it("accepts a userinfo without `tenant` (the documented minimal answer) for the callback's tenant", async () => {
    const { db } = fakeDb();
    const { tenant: _t, ...noTenant } = USERINFO;
    const d = await decideCustomerSignIn(ctxWith(fakeFetch(() => json(200, {}))), db, noTenant as OneAccessUserInfo);
    assert.ok(d.ok);
    assert.equal(d.customer.tenant.tenantId, "tenant-1");
  });

  it("passes each resolveCustomer refusal through as the login error", async () => {
    const cases: Array<[Parameters<typeof fakeDb>[0], string]> = [
      [{ user: null }, "not_synced"],
      [{ user: U({ deletedAt: new Date(NOW) }) }, "not_synced"],
      [{ user: U({ enabled: false }) }, "disabled"],
      [{ grant: false }, "not_granted"],
      [{ instance: I({ status: "RELEASED" }) }, "instance_released"],
      [{ tenant: T({ instanceId: null }) }, "instance_released"],
      [{ tenant: T({ deletedAt: new Date(NOW) }) }, "tenant_unknown"],
    ];
    for (const [data, code] of cases) {
      const { db } = fakeDb(data);
      const d = await decideCustomerSignIn(ctxWith(fakeFetch(() => json(200, {})), { requireGrantFor: "app-1" }), db, USERINFO as OneAccessUserInfo);
      assert.equal(d.ok ? "ok" : d.code, code, JSON.stringify(data));
      assert.ok(LOGIN_ERRORS[code as keyof typeof LOGIN_ERRORS].zh && LOGIN_ERRORS[code as keyof typeof LOGIN_ERRORS].en);
    }
    // A FROZEN instance may sign in (the home page tells them to renew).
    assert.ok((await decideCustomerSignIn(ctxWith(fakeFetch(() => json(200, {}))), fakeDb({ instance: I({ status: "FROZEN" }) }).db, USERINFO as OneAccessUserInfo)).ok);
  });

  it("callback options: signIn answers /login?error=<reason> on refusal; jwt stores the session and puts only { user, sid } in the token", async () => {
    const refused = fakeDb({ user: U({ enabled: false }) });
    const ctx1 = ctxWith(fakeFetch(() => json(200, {})));
    const logs: string[] = [];
    const o1 = callbackAuthOptions(ctx1, refused.db as never, { log: (l) => logs.push(l) });
    assert.equal(o1.providers.length, 1);
    assert.equal(o1.pages?.error, "/login");
    const signIn1 = await o1.callbacks!.signIn!({ user: { id: "tenant-1:zhangsan" }, account: null, profile: USERINFO as unknown as Profile });
    assert.equal(signIn1, "/login?error=disabled");
    assert.equal(ctx1.outcome.refusal?.code, "disabled");
    assert.match(logs[0]!, /refused for tenant tenant-1: disabled/);

    const ok = fakeDb();
    const ctx2 = ctxWith(fakeFetch(() => json(200, {})));
    ctx2.outcome.tokens = tokensFromResponse(TOKEN_ANSWER, NOW);
    const o2 = callbackAuthOptions(ctx2, ok.db as never);
    assert.equal(await o2.callbacks!.signIn!({ user: { id: "tenant-1:zhangsan" }, account: null, profile: USERINFO as unknown as Profile }), true);
    const account: Account = { provider: "oneaccess", type: "oauth", providerAccountId: "tenant-1:zhangsan", access_token: "AT-1" };
    const token = (await o2.callbacks!.jwt!({ token: { sub: "tenant-1:zhangsan", name: "张三", email: "zs@example.com" }, user: { id: "tenant-1:zhangsan" } as User, account })) as JWT;
    assert.ok(ctx2.outcome.sessionId);
    assert.deepEqual(token, {
      sub: "tenant-1:zhangsan",
      name: "张三",
      sid: ctx2.outcome.sessionId,
      user: { kind: "customer", name: "张三", tenantId: "tenant-1", userName: "zhangsan", role: "admin", instanceId: "inst-1" },
    });
    assert.equal(JSON.stringify(token).includes("AT-1"), false, "no OneAccess token in the cookie");
    const row = ok.created[0]!;
    assert.equal(row.id, ctx2.outcome.sessionId);
    assert.equal(row.appId, "app-1");
    assert.equal((row.accessTokenExpiresAt as Date).getTime(), NOW + 7200_000);
    assert.equal((row.expiresAt as Date).getTime(), NOW + 8 * 3600_000);
    assert.notEqual(row.accessTokenEnc, "AT-1", "sealed at rest");

    // Staff sign-ins still go through the static callback.
    const staff = (await o2.callbacks!.jwt!({ token: {}, user: { id: "staff:a", sessionUser: { kind: "staff", name: "a", role: "owner" } }, account: { provider: "staff", type: "credentials", providerAccountId: "staff:a" } })) as JWT;
    assert.deepEqual(staff.user, { kind: "staff", name: "a", role: "owner" });
  });
});

describe("token refresh (refreshIfNeeded)", () => {
  const client = { domainName: DOMAIN, clientId: "client-1", clientSecret: "plain-secret" };
  const refresher = (fetch: FetchLike) => (rt: string) => refreshAccessToken({ ...client, refreshToken: rt, fetch });

  it("does nothing while the access token is good for more than a minute", async () => {
    const fetch = fakeFetch(() => json(200, TOKEN_ANSWER));
    const r = await refreshIfNeeded({ refreshToken: "RT", expiresAtMs: NOW + 61_000 }, { nowMs: NOW, refresh: refresher(fetch) });
    assert.deepEqual(r, { kind: "fresh" });
    assert.equal(fetch.calls.length, 0);
  });

  it("refreshes BEFORE expiry with the refresh grant; a rotated refresh token replaces the old one", async () => {
    const fetch = fakeFetch(() => json(200, { ...TOKEN_ANSWER, access_token: "AT-2", refresh_token: "RT-2" }));
    const r = await refreshIfNeeded({ refreshToken: "RT-1", expiresAtMs: NOW + 59_000 }, { nowMs: NOW, refresh: refresher(fetch) });
    assert.deepEqual(r, { kind: "refreshed", tokens: { accessToken: "AT-2", refreshToken: "RT-2", expiresAtMs: NOW + 7200_000 } });
    assert.deepEqual(Object.fromEntries(new URLSearchParams(String(fetch.calls[0]!.init.body))), {
      client_id: "client-1",
      client_secret: "plain-secret",
      grant_type: "refresh_token",
      refresh_token: "RT-1",
    });
  });

  it("keeps the old refresh token when the answer has none", async () => {
    const { refresh_token: _rt, ...noRefresh } = TOKEN_ANSWER;
    const r = await refreshIfNeeded({ refreshToken: "RT-1", expiresAtMs: NOW }, { nowMs: NOW, refresh: refresher(fakeFetch(() => json(200, noRefresh))) });
    assert.equal(r.kind === "refreshed" && r.tokens.refreshToken, "RT-1");
  });

  it("invalid_grant ('Invalid refresh token') and a refused client end the session, even before expiry", async () => {
    for (const answer of [json(400, SPEC_ERRORS.invalidRefreshToken), json(401, SPEC_ERRORS.unauthorized)]) {
      const r = await refreshIfNeeded({ refreshToken: "RT-1", expiresAtMs: NOW + 30_000 }, { nowMs: NOW, refresh: refresher(fakeFetch(() => answer.clone())) });
      assert.equal(r.kind, "failed");
      assert.ok(r.kind === "failed" && isOneAccessError(r.error));
    }
  });

  it("a transient failure keeps the session while the access token is valid, and ends it once expired", async () => {
    const down = fakeFetch(() => new Response("busy", { status: 503 }));
    const before = await refreshIfNeeded({ refreshToken: "RT-1", expiresAtMs: NOW + 30_000 }, { nowMs: NOW, refresh: refresher(down) });
    assert.equal(before.kind, "kept");
    const after = await refreshIfNeeded({ refreshToken: "RT-1", expiresAtMs: NOW - 1 }, { nowMs: NOW, refresh: refresher(down) });
    assert.equal(after.kind, "failed");
  });

  it("without a refresh token the session lasts as long as the access token", async () => {
    const never = async (): Promise<never> => {
      throw new Error("must not be called");
    };
    assert.equal((await refreshIfNeeded({ expiresAtMs: NOW + 30_000 }, { nowMs: NOW, refresh: never })).kind, "kept");
    assert.equal((await refreshIfNeeded({ expiresAtMs: NOW }, { nowMs: NOW, refresh: never })).kind, "failed");
  });
});

describe("jwt callback: customer sessions are checked on every request", () => {
  const alice: CustomerUser = { kind: "customer", name: "Alice", tenantId: "tenant-1", userName: "alice", role: "user", instanceId: "inst-1" };

  it("keeps a live session with the user as the row says now (role change after a refresh)", async () => {
    const seen: unknown[] = [];
    const out = await customerJwt({ sub: "x", user: alice, sid: "sid-1" }, async (sid, expected) => {
      seen.push([sid, expected]);
      return { ok: true, user: { ...alice, role: "admin" } };
    });
    assert.deepEqual(seen, [["sid-1", { tenantId: "tenant-1", userName: "alice" }]]);
    assert.deepEqual(out, { sub: "x", sid: "sid-1", user: { ...alice, role: "admin" } });
  });

  it("a revoked session or a failed refresh ends it cleanly: no user, no sid, the reason for /login", async () => {
    const ended: SessionCheck = { ok: false, code: "session_expired", message: "revoked (logout)" };
    const out = await customerJwt({ sub: "x", user: alice, sid: "sid-1" }, async () => ended);
    assert.deepEqual(out, { sub: "x", ended: "session_expired" });
    const session = await (authOptions.callbacks!.session as (p: { session: { expires: string }; token: JWT }) => Promise<unknown>)({ session: { expires: "2030-01-01T00:00:00.000Z" }, token: out });
    assert.deepEqual(session, { expires: "2030-01-01T00:00:00.000Z", user: undefined, ended: "session_expired" });
    // A customer token without a session id (forged shape, old format) is never trusted.
    assert.deepEqual(await customerJwt({ user: alice }, async () => ({ ok: true, user: alice })), { ended: "session_expired" });
  });

  it("staff tokens are not touched", async () => {
    const token: JWT = { user: { kind: "staff", name: "admin", role: "owner" } };
    assert.equal(await customerJwt(token, async () => assert.fail("no check for staff")), token);
  });
});

describe("login state cookie and error messages", () => {
  const secret = "unit-test-secret-0123456789";
  it("round-trips, and refuses a forged, foreign or expired cookie", () => {
    const v = sealLoginState({ state: "abc123", tenantId: "tenant-1", expiresAtMs: NOW + 600_000 }, secret);
    assert.deepEqual(openLoginState(v, secret, NOW), { state: "abc123", tenantId: "tenant-1", expiresAtMs: NOW + 600_000 });
    assert.equal(openLoginState(v, "another-secret-0123456789", NOW), null);
    assert.equal(openLoginState(v, secret, NOW + 600_000), null);
    const [payload, mac] = v.split(".");
    const other = Buffer.from(JSON.stringify(["abc123", "tenant-2", NOW + 600_000])).toString("base64url");
    assert.equal(openLoginState(`${other}.${mac}`, secret, NOW), null);
    assert.equal(openLoginState(`${payload}.`, secret, NOW), null);
    assert.equal(openLoginState(undefined, secret, NOW), null);
    assert.equal(openLoginState("garbage", secret, NOW), null);
    assert.match(loginStateCookie(v, true), /; Path=\/api\/auth\/callback\/oneaccess; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    assert.match(clearLoginStateCookie(false), /^koo-oneaccess-state=; Path=\/api\/auth\/callback\/oneaccess; Max-Age=0/);
  });

  it("every error code has zh-CN and en text; unknown codes show the generic one", () => {
    for (const [code, m] of Object.entries(LOGIN_ERRORS)) {
      assert.ok(m.zh.length > 4 && m.en.length > 10, code);
      assert.match(m.zh, /[\u4e00-\u9fff]/, code);
    }
    assert.equal(loginErrorMessage("<script>").code, "oauth_failed");
    assert.equal(loginErrorMessage("toString").code, "oauth_failed");
    assert.equal(loginErrorMessage("disabled").code, "disabled");
  });

  it("sealing the stored tokens works with the development key (the session rows rely on it)", () => {
    assert.notEqual(seal("x"), "x");
  });
});
