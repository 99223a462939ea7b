/**
 * 联营账号 sessions on a real database (PGlite and PostgreSQL), with tenants delivered by signed
 * Kit calls and the OneAccess emulator answering in-process. The callback is driven the way
 * next-auth drives it (token → userinfo → profile → signIn → jwt, with the per-request
 * options), then the server-side session is checked, refreshed, raced, revoked and logged
 * out; refusals leave no session; the direct-login start sets our state; the emulator's
 * directory logins let the refusals happen at all.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decode, encode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { authOptions } from "~/server/auth/config";
import { checkCustomerSession, customerJwt } from "~/server/auth/customer-session";
import { LOGIN_STATE_COOKIE, openLoginState } from "~/server/auth/login-state";
import { customerLogout, findTenantForLogin, handleOneAccessCallback, startDirectLogin } from "~/server/auth/oneaccess-routes";
import { fetchUserInfo, isOneAccessError, refreshAccessToken, resolveTenantLogin } from "~/server/oneaccess";
import { testTargets, useTestDatabase } from "../helpers/databases";
import { signInCustomer } from "../helpers/customer-sign-in";
import { emulator, LOGIN_APP_ID, LOGIN_APP_URL, LOGIN_SECRET, syncLoginTenant, loginEnvForThisFile, type SyncedTenant } from "../helpers/oneaccess";
import { callBase, callKit, kitTimeStamp } from "../helpers/marketplace";

const SECRET = LOGIN_SECRET;
loginEnvForThisFile();

const signIn = signInCustomer;

const expected = (t: SyncedTenant, userName: string) => ({ tenantId: t.tenantId, userName });

for (const target of testTargets()) {
  describe(`customer sessions on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("sign-in stores a sealed session row; the JWT carries only the user and its id", async () => {
      const t = await syncLoginTenant(h.db.prisma, { name: "甲公司" });
      const em = emulator(h.db.prisma);
      const now = Date.now();
      const r = await signIn(h.db.prisma, em, t, await em.code(t, "alice"), now);
      assert.ok(r.ok);
      assert.deepEqual(r.token, {
        sub: `${t.tenantId}:alice`,
        name: "ALICE",
        sid: r.sid,
        user: { kind: "customer", name: "ALICE", tenantId: t.tenantId, userName: "alice", role: "admin", instanceId: t.instanceId },
      });
      const row = await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } });
      assert.equal(row.appId, LOGIN_APP_ID);
      assert.equal(row.tokenVersion, 0);
      assert.equal(row.revokedAt, null);
      assert.ok(Math.abs(row.accessTokenExpiresAt.getTime() - (now + 7200_000)) < 1000);
      assert.ok(Math.abs(row.expiresAt.getTime() - (now + 8 * 3600_000)) < 1000);
      assert.ok(row.refreshTokenEnc);
      // The stored access token is sealed, and it is the one OneAccess issued (userinfo accepts it).
      const [issued] = [...em.store.accessTokens.keys()];
      assert.ok(!row.accessTokenEnc.includes(issued!));

      const check = await checkCustomerSession({ db: h.db.prisma, nowMs: now, fetch: em.fetch, requireGrant: true }, r.sid, expected(t, "alice"));
      assert.deepEqual(check, { ok: true, user: r.token.user });
      // A session id presented for another user or tenant is not theirs.
      assert.equal((await checkCustomerSession({ db: h.db.prisma, nowMs: now }, r.sid, expected(t, "bob"))).ok, false);
      assert.equal((await checkCustomerSession({ db: h.db.prisma, nowMs: now }, "no-such-session", expected(t, "alice"))).ok, false);
    });

    it("refreshes before the access token expires (rotating refresh token stored); later refreshes use the new one", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma);
      const t0 = Date.now();
      const r = await signIn(h.db.prisma, em, t, await em.code(t, "alice"), t0);
      assert.ok(r.ok);
      const before = await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } });
      const deps = { db: h.db.prisma, fetch: em.fetch, requireGrant: true };

      // 2 h minus 30 s: inside the one-minute skew → refresh now, while the old token still works.
      const t1 = t0 + 7200_000 - 30_000;
      assert.ok((await checkCustomerSession({ ...deps, nowMs: t1 }, r.sid, expected(t, "alice"))).ok);
      const after1 = await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } });
      assert.equal(after1.tokenVersion, 1);
      assert.ok(Math.abs(after1.accessTokenExpiresAt.getTime() - (t1 + 7200_000)) < 1000);
      assert.notEqual(after1.refreshTokenEnc, before.refreshTokenEnc);
      assert.equal(em.store.refreshTokens.size, 1, "the emulator rotated: only the new refresh token is alive");

      // Until the next skew window nothing is refreshed.
      assert.ok((await checkCustomerSession({ ...deps, nowMs: t1 + 3600_000 }, r.sid, expected(t, "alice"))).ok);
      assert.equal((await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } })).tokenVersion, 1);
      const t2 = t1 + 7200_000 - 10_000;
      assert.ok((await checkCustomerSession({ ...deps, nowMs: t2 }, r.sid, expected(t, "alice"))).ok);
      assert.equal((await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } })).tokenVersion, 2);
    });

    it("concurrent requests that all find the token due keep the session; one refresh wins", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma);
      const t0 = Date.now();
      const r = await signIn(h.db.prisma, em, t, await em.code(t, "alice"), t0);
      assert.ok(r.ok);
      const due = t0 + 7200_000 - 5_000;
      const results = await Promise.all(
        Array.from({ length: 5 }, () => checkCustomerSession({ db: h.db.prisma, nowMs: due, fetch: em.fetch, log: () => {} }, r.sid, expected(t, "alice"))),
      );
      assert.deepEqual(results.map((x) => x.ok), [true, true, true, true, true]);
      const row = await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } });
      assert.equal(row.revokedAt, null);
      assert.equal(row.tokenVersion, 1, "exactly one request refreshed");
      assert.equal(row.refreshLockedUntil, null, "and released its claim");
      assert.equal(em.store.refreshTokens.size, 1);
    });

    it("a failed refresh ends the session cleanly: row revoked, the jwt callback drops the user", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma);
      const t0 = Date.now();
      const r = await signIn(h.db.prisma, em, t, await em.code(t, "alice"), t0);
      assert.ok(r.ok);
      em.store.clear(); // OneAccess no longer knows the refresh token → 400 "Invalid refresh token"
      const logs: string[] = [];
      const due = t0 + 7200_000 - 5_000;
      const check = (sid: string, exp: { tenantId: string; userName: string }) =>
        checkCustomerSession({ db: h.db.prisma, nowMs: due, fetch: em.fetch, log: (l) => logs.push(l) }, sid, exp);
      const token = await customerJwt(r.token, check);
      assert.deepEqual(token, { sub: `${t.tenantId}:alice`, name: "ALICE", ended: "session_expired" });
      const row = await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } });
      assert.ok(row.revokedAt);
      assert.equal(row.revokedReason, "refresh_failed");
      assert.match(logs.join("\n"), /Invalid refresh token/);
      // And it stays ended (no second refresh attempt).
      assert.equal((await check(r.sid, expected(t, "alice"))).ok, false);
    });

    it("a user the marketplace disables loses the session at once (disabled), without waiting for a refresh", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma);
      const t0 = Date.now();
      const r = await signIn(h.db.prisma, em, t, await em.code(t, "bob"), t0);
      assert.ok(r.ok);
      const deps = { db: h.db.prisma, fetch: em.fetch, requireGrant: true, log: () => {} };
      assert.ok((await checkCustomerSession({ ...deps, nowMs: t0 + 1_000 }, r.sid, expected(t, "bob"))).ok);
      const ts = kitTimeStamp();
      await callKit(h.db.prisma, "authSync", { instanceId: t.instanceId, tenantId: t.tenantId, appId: LOGIN_APP_ID, currentSyncTime: ts, flag: 2, testFlag: 0, timeStamp: ts, userList: [{ userName: "bob", name: "BOB", orgCode: "1", role: "user", enable: "false" }] });
      const ended = await checkCustomerSession({ ...deps, nowMs: t0 + 2_000 }, r.sid, expected(t, "bob"));
      assert.deepEqual(ended.ok ? null : ended.code, "disabled");
      assert.equal((await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } })).revokedReason, "disabled");
    });

    it("logout revokes the session, deletes the cookie and goes through the tenant's OneAccess logout; the copied cookie is dead", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma);
      const r = await signIn(h.db.prisma, em, t, await em.code(t, "alice"));
      assert.ok(r.ok);
      const cookie = `next-auth.session-token=${await encode({ token: r.token, secret: SECRET })}`;
      // What the server does with the cookie on every request (static options, as in server components).
      const jwt = authOptions.callbacks!.jwt!;
      const live = (await jwt({ token: (await decode({ token: cookie.split("=")[1]!, secret: SECRET }))!, user: undefined as never, account: null })) as JWT;
      assert.equal(live.user?.kind, "customer");

      const res = await customerLogout(new NextRequest(`${LOGIN_APP_URL}/logout`, { method: "POST", headers: { cookie, origin: LOGIN_APP_URL } }), h.db.prisma);
      assert.equal(res.status, 302);
      assert.equal(res.headers.get("location"), `${t.domainName}/api/v1/logout?redirect_url=${encodeURIComponent(`${LOGIN_APP_URL}/login?signedOut=1`)}`);
      assert.match(res.headers.get("set-cookie")!, /^next-auth\.session-token=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
      const row = await h.db.prisma.customerSession.findUniqueOrThrow({ where: { id: r.sid } });
      assert.equal(row.revokedReason, "logout");

      // Replaying the saved cookie: the token decodes, but the session is gone.
      const replay = (await jwt({ token: (await decode({ token: cookie.split("=")[1]!, secret: SECRET }))!, user: undefined as never, account: null })) as JWT;
      assert.equal(replay.user, undefined);
      assert.equal(replay.ended, "session_expired");

      // Without a session (or cross-site) logout still lands on the sign-in page / is refused.
      const anon = await customerLogout(new NextRequest(`${LOGIN_APP_URL}/logout`, { method: "POST" }), h.db.prisma);
      assert.equal(anon.headers.get("location"), `${LOGIN_APP_URL}/login?signedOut=1`);
      const xsite = await customerLogout(new NextRequest(`${LOGIN_APP_URL}/logout`, { method: "POST", headers: { cookie, origin: "https://evil.example" } }), h.db.prisma);
      assert.equal(xsite.status, 403);
    });

    it("refusals leave no session: never synced, disabled, grant withdrawn, instance released, another tenant's code", async () => {
      const t = await syncLoginTenant(h.db.prisma, {
        users: [{ userName: "alice", role: "admin" }, { userName: "bob" }, { userName: "carol", enable: "false" }],
      });
      const other = await syncLoginTenant(h.db.prisma);
      const em = emulator(h.db.prisma, { directoryLogins: true });
      const count = () => h.db.prisma.customerSession.count({ where: { tenantId: { in: [t.tenantId, other.tenantId] } } });

      assert.deepEqual(await signIn(h.db.prisma, em, t, await em.code(t, "stranger", { otherAccount: true })), { ok: false, refused: "/login?error=not_synced" });
      assert.deepEqual(await signIn(h.db.prisma, em, t, await em.code(t, "carol")), { ok: false, refused: "/login?error=disabled" });

      const ts = kitTimeStamp();
      await callKit(h.db.prisma, "authSync", { instanceId: t.instanceId, tenantId: t.tenantId, appId: LOGIN_APP_ID, currentSyncTime: ts, flag: 3, testFlag: 0, timeStamp: ts, userList: [{ userName: "bob", name: "BOB", orgCode: "1", role: "user", enable: "true" }] });
      assert.deepEqual(await signIn(h.db.prisma, em, t, await em.code(t, "bob")), { ok: false, refused: "/login?error=not_granted" });

      // A code issued by the other tenant's OneAccess, presented as this tenant's callback: its
      // own client cannot redeem it (the emulator binds codes to client and tenant).
      await assert.rejects(signIn(h.db.prisma, em, other, await em.code(other, "alice"), Date.now(), t.tenantId), (err: unknown) => isOneAccessError(err, "invalid_grant"));

      assert.equal((await callBase(h.db.prisma, { activity: "releaseInstance", instanceId: t.instanceId })).json.resultCode, "000000");
      assert.deepEqual(await signIn(h.db.prisma, em, t, await em.code(t, "alice")), { ok: false, refused: "/login?error=instance_released" });
      assert.equal(await count(), 0);
    });

    it("the direct login starts at the tenant's authorize endpoint with our state (by tenantId or tenantCode)", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const now = Date.now();
      for (const input of [t.tenantId, ` ${t.tenantCode} `]) {
        const res = await startDirectLogin(h.db.prisma, input, undefined, now);
        assert.equal(res.status, 302);
        const location = new URL(res.headers.get("location")!);
        assert.equal(`${location.origin}${location.pathname}`, `${t.domainName}/api/v1/oauth2/authorize`);
        assert.equal(location.searchParams.get("client_id"), t.clientId);
        assert.equal(location.searchParams.get("redirect_uri"), `${LOGIN_APP_URL}/api/auth/callback/oneaccess`);
        assert.equal(location.searchParams.get("scope"), "get_user_info");
        const state = location.searchParams.get("state")!;
        assert.match(state, /^[A-Za-z0-9]{32}$/);
        const setCookie = res.headers.get("set-cookie")!;
        assert.match(setCookie, new RegExp(`^${LOGIN_STATE_COOKIE}=[^;]+; Path=/api/auth/callback/oneaccess; Max-Age=600; HttpOnly; SameSite=Lax$`));
        const value = setCookie.slice(LOGIN_STATE_COOKIE.length + 1).split(";")[0];
        assert.deepEqual(openLoginState(value, SECRET, now), { state, tenantId: t.tenantId, expiresAtMs: now + 600_000 });
      }
      const unknown = await startDirectLogin(h.db.prisma, "no-such-tenant");
      assert.equal(unknown.headers.get("location"), `${LOGIN_APP_URL}/login?error=tenant_unknown`);
      assert.equal(unknown.headers.get("set-cookie"), null);
      // Two organisations with one code: ask for the ID.
      await h.db.prisma.tenant.create({ data: { tenantId: `${t.tenantId}-twin`, tenantCode: t.tenantCode, name: "Twin", domainName: t.domainName } });
      assert.deepEqual(await findTenantForLogin(h.db.prisma, t.tenantCode), { ok: false, code: "tenant_ambiguous" });
      assert.deepEqual(await findTenantForLogin(h.db.prisma, t.tenantId), { ok: true, tenantId: t.tenantId });
    });

    it("a tenant holding NUL or an unpaired surrogate is an unknown tenant, at the start and at the callback", async () => {
      const t = await syncLoginTenant(h.db.prisma);
      const unknown = `${LOGIN_APP_URL}/login?error=tenant_unknown`;
      for (const tenant of ["\u0000", `${t.tenantId}\u0000`, "\u0000x", "x\ud800", "\udc00"]) {
        assert.deepEqual(await findTenantForLogin(h.db.prisma, tenant), { ok: false, code: "tenant_unknown" }, JSON.stringify(tenant));
        const start = await startDirectLogin(h.db.prisma, tenant);
        assert.equal(start.status, 302);
        assert.equal(start.headers.get("location"), unknown, JSON.stringify(tenant));
      }
      // Over the wire a lone surrogate arrives as UTF-8 bytes no decoder accepts (%ED%A0%80).
      const routeCtx = { params: Promise.resolve({ nextauth: ["callback", "oneaccess"] }) };
      for (const query of ["tenant=%00", `tenant=${t.tenantId}%00`, "tenant=%ED%A0%80", "tenant=%00&state=s", "tenant=a%00b&error=access_denied"]) {
        const req = new NextRequest(`${LOGIN_APP_URL}/api/auth/callback/oneaccess?code=c&${query}`);
        const res = await handleOneAccessCallback(req, routeCtx, h.db.prisma);
        assert.equal(res.status, 302, query);
        const location = res.headers.get("location")!;
        assert.match(location, /\/login\?error=(tenant_unknown|state_mismatch|oauth_denied)$/, query);
        if (!/state=|error=/.test(query)) assert.equal(location, unknown, query);
      }
    });

    it("emulator directory logins: disabled and never-synced accounts get a code and userinfo, no SSO session and no refresh", async () => {
      const t = await syncLoginTenant(h.db.prisma, { users: [{ userName: "alice" }, { userName: "carol", enable: "false" }] });
      const plain = emulator(h.db.prisma);
      await assert.rejects(plain.code(t, "carol"), /403/, "off by default: the emulator itself refuses");
      await assert.rejects(plain.code(t, "stranger", { otherAccount: true }), /401/);

      const em = emulator(h.db.prisma, { directoryLogins: true });
      const page = await (await em.fetch(`${t.domainName}/api/v1/oauth2/authorize?response_type=code&client_id=${t.clientId}&redirect_uri=${encodeURIComponent(`${LOGIN_APP_URL}/cb`)}`, { method: "GET" })).text();
      assert.match(page, /value="carol"[^>]*> carol — CAROL <small>\(user, disabled for this app\)/);
      assert.match(page, /value="__other__"/);
      const login = await resolveTenantLogin(h.db.prisma, t.tenantId);
      assert.ok(login.ok);
      const client = { domainName: t.domainName, clientId: t.clientId, clientSecret: t.clientSecret, fetch: em.fetch };
      const { exchangeCode } = await import("~/server/oneaccess");
      const tokens = await exchangeCode({ ...client, code: await em.code(t, "stranger", { otherAccount: true }) });
      assert.deepEqual(await fetchUserInfo({ domainName: t.domainName, accessToken: tokens.access_token, fetch: em.fetch }), {
        userName: "stranger",
        name: "stranger",
        role: "user",
        projectName: t.name,
        tenant: t.tenantId,
      });
      await assert.rejects(refreshAccessToken({ ...client, refreshToken: tokens.refresh_token! }), (err: unknown) => isOneAccessError(err, "invalid_grant"));
      assert.equal(em.store.sessions.size, 0, "no SSO session for directory-only accounts");
      const carol = await exchangeCode({ ...client, code: await em.code(t, "carol") });
      assert.equal((await fetchUserInfo({ domainName: t.domainName, accessToken: carol.access_token, fetch: em.fetch })).userName, "carol");
    });
  });
}
