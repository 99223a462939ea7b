/**
 * 联营账号 login end to end on a real database (PGlite and PostgreSQL): Kit-synced rows seeded
 * directly, the OneAccess emulator's handlers as the identity provider, and the OneAccess client
 * functions talking to them through a fetch that calls the handlers in-process. Also the login
 * look-ups resolveTenantLogin / resolveCustomer and their refusal reasons.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { seal } from "~/server/crypto/at-rest";
import {
  buildAuthorizeUrl,
  buildLogoutUrl,
  exchangeCode,
  fetchUserInfo,
  isOneAccessError,
  refreshAccessToken,
  resolveCustomer,
  resolveTenantLogin,
  SPEC_ERRORS,
  type FetchLike,
  type OneAccessErrorKind,
} from "~/server/oneaccess";
import { EmulatorStore, emulatorBasePath, emulatorDomainName, emulatorEnabled, handleEmulatorRequest, type EmulatorOptions } from "~/dev/oneaccess-emulator";
import type { PrismaClient } from "~/generated/prisma/client";
import { testTargets, useTestDatabase } from "../helpers/databases";

const APP_URL = "http://localhost:3000";
const CALLBACK = `${APP_URL}/api/auth/callback/oneaccess`;
const SECRET = "plain client secret ✓";

let n = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

interface Seeded {
  tenantId: string;
  clientId: string;
  domainName: string;
  instanceId: string;
  opts: EmulatorOptions;
  store: EmulatorStore;
  /** fetch that answers through the emulator handlers (for the client functions). */
  fetch: FetchLike;
  /** One raw request to the emulator. */
  call: (url: string, init?: RequestInit) => Promise<Response>;
}

async function seedTenant(
  prisma: PrismaClient,
  over: { instanceStatus?: "ACTIVE" | "FROZEN" | "RELEASED"; emulator?: Partial<EmulatorOptions> } = {},
): Promise<Seeded> {
  const tenantId = uniq("tenant");
  const instanceId = uniq("inst");
  const clientId = uniq("client");
  await prisma.instance.create({
    data: {
      id: instanceId,
      newInstanceKey: `line:${instanceId}:1`,
      orderId: `CS-${instanceId}`,
      orderLineId: `CS-${instanceId}-1`,
      businessId: instanceId,
      adminUserName: "admin",
      adminPasswordEnc: seal("x"),
      status: over.instanceStatus ?? "ACTIVE",
    },
  });
  const domainName = emulatorDomainName(APP_URL, tenantId);
  await prisma.tenant.create({ data: { tenantId, tenantCode: "huawei", name: "华为测试企业", domainName, instanceId, orderId: `CS-${instanceId}` } });
  await prisma.application.create({ data: { tenantId, appId: "app-1", clientId, clientSecretEnc: seal(SECRET), instanceId } });
  await prisma.department.create({ data: { tenantId, orgCode: "10000", orgName: "研发部" } });
  const alice = await prisma.tenantUser.create({
    data: { tenantId, userName: "alice", name: "爱丽丝", orgCode: "10000", role: "admin", email: "alice@example.com", mobile: "13800000000" },
  });
  await prisma.userAppGrant.create({ data: { userId: alice.id, appId: "app-1" } });
  await prisma.tenantUser.create({ data: { tenantId, userName: "bob", name: "Bob", orgCode: "20000", role: "user", enabled: false } });
  await prisma.tenantUser.create({ data: { tenantId, userName: "carol", name: "Carol", orgCode: "10000", role: "user", deletedAt: new Date() } });
  await prisma.tenantUser.create({ data: { tenantId, userName: "dave", name: "Dave <script>", orgCode: "99999", role: "user" } });
  const store = new EmulatorStore();
  const opts: EmulatorOptions = { basePath: emulatorBasePath(tenantId), tenantId, enabled: true, store, ...over.emulator };
  const call = (url: string, init?: RequestInit) => handleEmulatorRequest(prisma, new Request(url, init), opts);
  return { tenantId, clientId, domainName, instanceId, opts, store, call, fetch: (url, init) => call(url, init) };
}

function authorizeUrl(s: Seeded, extra: Record<string, string> = {}): string {
  const u = new URL(buildAuthorizeUrl({ domainName: s.domainName, clientId: s.clientId, redirectUri: CALLBACK, state: "xyz123" }));
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
  return u.toString();
}

async function login(s: Seeded, userName = "alice", password = "demo", url = authorizeUrl(s)) {
  const res = await s.call(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ userName, password }).toString(),
  });
  const location = res.headers.get("location");
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  return { res, location: location ? new URL(location) : null, cookie };
}

async function codeFor(s: Seeded, userName = "alice"): Promise<string> {
  const r = await login(s, userName);
  assert.equal(r.res.status, 302, await r.res.clone().text());
  return r.location!.searchParams.get("code")!;
}

async function rejectsKind(p: Promise<unknown>, kind: OneAccessErrorKind, description?: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(isOneAccessError(err), String(err));
    assert.equal(err.kind, kind, err.message);
    if (description) assert.equal(err.errorDescription, description);
    return true;
  });
}

for (const target of testTargets()) {
  describe(`OneAccess emulator + client on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("full code flow: login form → code → token → userinfo → customer → refresh (rotating) → SSO → logout", async () => {
      const s = await seedTenant(h.db.prisma);

      // The login look-up finds the synced domain and client, secret unsealed.
      const tl = await resolveTenantLogin(h.db.prisma, s.tenantId);
      assert.ok(tl.ok, !tl.ok ? tl.message : "");
      assert.equal(tl.clientSecret, SECRET);
      assert.equal(tl.application.clientId, s.clientId);
      assert.equal(tl.endpoints.token, `${APP_URL}/dev/oneaccess/${s.tenantId}/api/v1/oauth2/token`);

      // authorize shows the synced, enabled users only (HTML-escaped).
      const page = await s.call(authorizeUrl(s));
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type")!, /text\/html/);
      const body = await page.text();
      assert.match(body, /value="alice"/);
      assert.match(body, /value="dave"/);
      assert.match(body, /Dave &lt;script&gt;/);
      assert.doesNotMatch(body, /value="bob"/, "disabled user not listed");
      assert.doesNotMatch(body, /value="carol"/, "deleted user not listed");
      assert.match(body, /type="password"/);

      // form post → 302 redirect_uri?code&state&tenant, plus the emulator SSO cookie.
      const { res, location, cookie } = await login(s);
      assert.equal(res.status, 302);
      assert.equal(`${location!.origin}${location!.pathname}`, CALLBACK);
      assert.equal(location!.searchParams.get("state"), "xyz123");
      assert.equal(location!.searchParams.get("tenant"), s.tenantId);
      const code = location!.searchParams.get("code")!;
      assert.match(code, /^[A-Za-z0-9_-]{43}$/);
      assert.match(cookie!, /^oneaccess_emulator_sso=/);
      assert.match(res.headers.get("set-cookie")!, new RegExp(`Path=/dev/oneaccess/${s.tenantId}/; Max-Age=28800; HttpOnly; SameSite=Lax`));

      // token
      const tokens = await exchangeCode({ domainName: tl.tenant.domainName, clientId: tl.application.clientId, clientSecret: tl.clientSecret, code, redirectUri: CALLBACK, fetch: s.fetch });
      assert.equal(tokens.token_type, "Bearer");
      assert.equal(tokens.expires_in, 7200);
      assert.equal(tokens.scope, "get_user_info");
      assert.ok(tokens.refresh_token);
      assert.notEqual(tokens.access_token, tokens.refresh_token);

      // userinfo → the spec's field names
      const info = await fetchUserInfo({ domainName: s.domainName, accessToken: tokens.access_token, fetch: s.fetch });
      const alice = await h.db.prisma.tenantUser.findUniqueOrThrow({ where: { tenantId_userName: { tenantId: s.tenantId, userName: "alice" } } });
      assert.deepEqual(info, {
        id: alice.id,
        userName: "alice",
        name: "爱丽丝",
        email: "alice@example.com",
        mobile: "13800000000",
        role: "admin",
        organizationName: "研发部",
        userId: alice.id,
        organizationCode: "10000",
        projectName: "华为测试企业",
        tenant: s.tenantId,
      });

      // The app-side check after userinfo.
      const customer = await resolveCustomer(h.db.prisma, { tenantId: info.tenant!, userName: info.userName, appId: tl.application.appId });
      assert.ok(customer.ok, !customer.ok ? customer.message : "");
      assert.equal(customer.instance.id, s.instanceId);
      assert.equal(customer.user.role, "admin");

      // refresh: new access + refresh token; the old refresh token is dead (rotation).
      const refreshed = await refreshAccessToken({ domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, refreshToken: tokens.refresh_token!, fetch: s.fetch });
      assert.notEqual(refreshed.access_token, tokens.access_token);
      assert.ok(refreshed.refresh_token);
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
      await rejectsKind(
        refreshAccessToken({ domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, refreshToken: tokens.refresh_token!, fetch: s.fetch }),
        "invalid_grant",
        "Invalid refresh token",
      );
      assert.equal((await fetchUserInfo({ domainName: s.domainName, accessToken: refreshed.access_token, fetch: s.fetch })).userName, "alice");
      // the rotated refresh token works once more
      const again = await refreshAccessToken({ domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, refreshToken: refreshed.refresh_token!, fetch: s.fetch });
      assert.ok(again.access_token);

      // SSO: with the session cookie, authorize redirects straight away with a fresh code.
      const sso = await s.call(authorizeUrl(s), { headers: { Cookie: cookie! } });
      assert.equal(sso.status, 302);
      const ssoCode = new URL(sso.headers.get("location")!).searchParams.get("code");
      assert.ok(ssoCode && ssoCode !== code);
      // prompt=login forces the form
      assert.equal((await s.call(authorizeUrl(s, { prompt: "login" }), { headers: { Cookie: cookie! } })).status, 200);

      // logout: clears the session cookie, 302 to redirect_url; afterwards authorize shows the form again.
      const out = await s.call(buildLogoutUrl({ domainName: s.domainName, redirectUrl: `${APP_URL}/?bye=1` }), { headers: { Cookie: cookie! } });
      assert.equal(out.status, 302);
      assert.equal(out.headers.get("location"), `${APP_URL}/?bye=1`);
      assert.match(out.headers.get("set-cookie")!, /^oneaccess_emulator_sso=; Path=\/dev\/oneaccess\/[^;]+\/; Max-Age=0/);
      assert.equal((await s.call(authorizeUrl(s), { headers: { Cookie: cookie! } })).status, 200);
      // logout without redirect_url → a page, still 200
      assert.equal((await s.call(buildLogoutUrl({ domainName: s.domainName }))).status, 200);
    });

    it("token endpoint: wrong client secret / unknown client / Basic-only → 401 with the spec body", async () => {
      const s = await seedTenant(h.db.prisma);
      const code = await codeFor(s);
      await rejectsKind(exchangeCode({ domainName: s.domainName, clientId: s.clientId, clientSecret: "wrong", code, fetch: s.fetch }), "unauthorized", SPEC_ERRORS.unauthorized.error_description);
      const tokenUrl = `${s.domainName}/api/v1/oauth2/token`;
      const form = (o: Record<string, string>) => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(o).toString() });
      const bodies: Record<string, string>[] = [
        { client_id: "nope", client_secret: SECRET, code, grant_type: "authorization_code" },
        { client_id: s.clientId, code, grant_type: "authorization_code" },
      ];
      for (const body of bodies) {
        const r = await s.call(tokenUrl, form(body));
        assert.equal(r.status, 401);
        assert.deepEqual(await r.json(), SPEC_ERRORS.unauthorized);
      }
      const basic = await s.call(tokenUrl, {
        ...form({ code, grant_type: "authorization_code" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${Buffer.from(`${s.clientId}:${SECRET}`).toString("base64")}` },
      });
      assert.equal(basic.status, 401, "client_secret must be in the body, as documented");
      // A failed client authentication does not burn the code.
      const ok = await exchangeCode({ domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, code, fetch: s.fetch });
      assert.ok(ok.access_token);
      // refresh with the wrong secret → 401 too
      await rejectsKind(refreshAccessToken({ domainName: s.domainName, clientId: s.clientId, clientSecret: "wrong", refreshToken: ok.refresh_token!, fetch: s.fetch }), "unauthorized");
      // unsupported grant
      const g = await s.call(tokenUrl, form({ client_id: s.clientId, client_secret: SECRET, grant_type: "password" }));
      assert.equal(g.status, 400);
      assert.deepEqual(await g.json(), { error: "unsupported_grant_type", error_description: "Unsupported grant type: password" });
      assert.equal((await s.call(tokenUrl)).status, 405);
    });

    it("codes are single use; a second redemption also revokes the first one's tokens", async () => {
      const s = await seedTenant(h.db.prisma);
      const code = await codeFor(s);
      const client = { domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, fetch: s.fetch };
      const first = await exchangeCode({ ...client, code });
      const raw = await s.call(`${s.domainName}/api/v1/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: s.clientId, client_secret: SECRET, code, grant_type: "authorization_code" }).toString(),
      });
      assert.equal(raw.status, 400);
      assert.equal(await raw.text(), '{"error":"invalid_grant","error_description":"Invalid authorization code"}');
      await rejectsKind(fetchUserInfo({ domainName: s.domainName, accessToken: first.access_token, fetch: s.fetch }), "unauthorized");
      await rejectsKind(refreshAccessToken({ ...client, refreshToken: first.refresh_token! }), "invalid_grant", "Invalid refresh token");
      await rejectsKind(exchangeCode({ ...client, code: "never-issued" }), "invalid_grant", "Invalid authorization code");
    });

    it("codes are bound to redirect_uri and client, and expire after 5 minutes", async () => {
      let now = Date.now();
      const s = await seedTenant(h.db.prisma, { emulator: { now: () => now } });
      const client = { domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, fetch: s.fetch };
      const c1 = await codeFor(s);
      await rejectsKind(exchangeCode({ ...client, code: c1, redirectUri: `${APP_URL}/elsewhere` }), "invalid_grant", "Invalid authorization code");
      // burnt by the mismatched attempt
      await rejectsKind(exchangeCode({ ...client, code: c1, redirectUri: CALLBACK }), "invalid_grant", "Invalid authorization code");
      // Another application of the same tenant cannot redeem it.
      await h.db.prisma.application.create({ data: { tenantId: s.tenantId, appId: "app-2", clientId: `${s.clientId}-2`, clientSecretEnc: seal("other") } });
      const c2 = await codeFor(s);
      await rejectsKind(exchangeCode({ ...client, clientId: `${s.clientId}-2`, clientSecret: "other", code: c2 }), "invalid_grant");
      const c3 = await codeFor(s);
      now += 301_000;
      await rejectsKind(exchangeCode({ ...client, code: c3 }), "invalid_grant", "Invalid authorization code");
      const c4 = await codeFor(s);
      now += 299_000;
      assert.ok((await exchangeCode({ ...client, code: c4, redirectUri: CALLBACK })).access_token);
    });

    it("login form refuses disabled, deleted and unknown users and a wrong password (no code issued)", async () => {
      const s = await seedTenant(h.db.prisma);
      for (const [user, password, status, text] of [
        ["bob", "demo", 403, /disabled/],
        ["carol", "demo", 401, /Unknown user/],
        ["mallory", "demo", 401, /Unknown user/],
        ["alice", "wrong", 401, /Wrong password/],
      ] as const) {
        const r = await login(s, user, password);
        assert.equal(r.res.status, status, user);
        assert.equal(r.location, null);
        assert.equal(r.cookie, undefined);
        assert.match(await r.res.text(), text);
      }
      assert.equal(s.store.codes.size, 0);
      // A configured EMULATOR_PASSWORD replaces "demo".
      const s2 = await seedTenant(h.db.prisma, { emulator: { password: "hunter2" } });
      assert.equal((await login(s2, "alice", "demo")).res.status, 401);
      assert.equal((await login(s2, "alice", "hunter2")).res.status, 302);
    });

    it("with directory logins, a typed account name is the account signed in, whichever radio is checked", async () => {
      // The first listed user's radio is checked by default: typing "bob" into the account
      // field and pressing Enter used to sign in as that first user, the typed name ignored.
      const s = await seedTenant(h.db.prisma, { emulator: { directoryLogins: true } });
      const post = (form: Record<string, string>) =>
        s.call(authorizeUrl(s), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
      const codeUser = (res: Response) => s.store.codes.get(new URL(res.headers.get("location")!).searchParams.get("code")!)?.userName;
      const typed = await post({ userName: "alice", otherUserName: " bob ", password: "demo" });
      assert.equal(typed.status, 302, await typed.clone().text());
      assert.equal(codeUser(typed), "bob");
      // An empty field leaves the checked radio in charge.
      const radio = await post({ userName: "dave", otherUserName: "  ", password: "demo" });
      assert.equal(codeUser(radio), "dave");
      // Without directory logins the field is not offered, and a stray value changes nothing.
      const plain = await seedTenant(h.db.prisma);
      const res = await plain.call(authorizeUrl(plain), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ userName: "alice", otherUserName: "bob", password: "demo" }).toString(),
      });
      assert.equal(plain.store.codes.get(new URL(res.headers.get("location")!).searchParams.get("code")!)?.userName, "alice");
    });

    it("a user disabled after login can no longer refresh nor call userinfo", async () => {
      const s = await seedTenant(h.db.prisma);
      const client = { domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, fetch: s.fetch };
      const tokens = await exchangeCode({ ...client, code: await codeFor(s) });
      await h.db.prisma.tenantUser.update({ where: { tenantId_userName: { tenantId: s.tenantId, userName: "alice" } }, data: { enabled: false } });
      await rejectsKind(fetchUserInfo({ domainName: s.domainName, accessToken: tokens.access_token, fetch: s.fetch }), "unauthorized");
      await rejectsKind(refreshAccessToken({ ...client, refreshToken: tokens.refresh_token! }), "invalid_grant", "Invalid refresh token");
    });

    it("expires_in is configurable and expired access tokens get the spec's 401; non-rotating refresh keeps the token", async () => {
      let now = Date.now();
      const s = await seedTenant(h.db.prisma, { emulator: { now: () => now, accessTokenTtlSeconds: 60, rotateRefreshTokens: false } });
      const client = { domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, fetch: s.fetch };
      const tokens = await exchangeCode({ ...client, code: await codeFor(s) });
      assert.equal(tokens.expires_in, 60);
      now += 61_000;
      const r = await s.call(`${s.domainName}/api/v1/oauth2/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/json" } });
      assert.equal(r.status, 401);
      assert.deepEqual(await r.json(), { error: "unauthorized", error_description: "Full authentication is required to access this resource" });
      assert.match(r.headers.get("www-authenticate")!, /^Bearer /);
      const r1 = await refreshAccessToken({ ...client, refreshToken: tokens.refresh_token! });
      const r2 = await refreshAccessToken({ ...client, refreshToken: tokens.refresh_token! });
      assert.equal(r1.refresh_token, tokens.refresh_token);
      assert.equal(r2.refresh_token, tokens.refresh_token);
      assert.equal((await fetchUserInfo({ domainName: s.domainName, accessToken: r2.access_token, fetch: s.fetch })).userName, "alice");
      // no token at all
      const none = await s.call(`${s.domainName}/api/v1/oauth2/userinfo`);
      assert.equal(none.status, 401);
      assert.deepEqual(await none.json(), SPEC_ERRORS.unauthorized);
    });

    it("userinfo omits absent optional fields (no email/mobile, unknown department)", async () => {
      const s = await seedTenant(h.db.prisma);
      const tokens = await exchangeCode({ domainName: s.domainName, clientId: s.clientId, clientSecret: SECRET, code: await codeFor(s, "dave"), fetch: s.fetch });
      const info = await fetchUserInfo({ domainName: s.domainName, accessToken: tokens.access_token, fetch: s.fetch });
      assert.equal(info.userName, "dave");
      assert.equal(info.role, "user");
      assert.equal(info.organizationCode, "99999");
      assert.equal("organizationName" in info, false);
      assert.equal("email" in info, false);
      assert.equal("mobile" in info, false);
    });

    it("refuses to run unless enabled; rejects foreign redirect origins, unknown clients and other tenants' paths", async () => {
      const s = await seedTenant(h.db.prisma);
      const disabled = await handleEmulatorRequest(h.db.prisma, new Request(authorizeUrl(s)), { ...s.opts, enabled: false });
      assert.equal(disabled.status, 404);
      assert.match(await disabled.text(), /ONEACCESS_EMULATOR=1/);
      const { enabled: _e, ...withoutFlag } = s.opts;
      assert.equal((await handleEmulatorRequest(h.db.prisma, new Request(authorizeUrl(s)), withoutFlag)).status, 404, "default is off");
      assert.equal(emulatorEnabled({ ONEACCESS_EMULATOR: "1" }), true);
      assert.equal(emulatorEnabled({ ONEACCESS_EMULATOR: "true" }), true);
      assert.equal(emulatorEnabled({ ONEACCESS_EMULATOR: "0" }), false);
      assert.equal(emulatorEnabled({ NODE_ENV: "development" }), false);

      const foreign = new URL(authorizeUrl(s));
      foreign.searchParams.set("redirect_uri", "https://evil.example/cb");
      const r = await s.call(foreign.toString());
      assert.equal(r.status, 400);
      assert.match(await r.text(), /not an allowed redirect origin/);
      const allowed = await handleEmulatorRequest(h.db.prisma, new Request(foreign.toString(), { method: "POST", body: "userName=alice&password=demo", headers: { "Content-Type": "application/x-www-form-urlencoded" } }), {
        ...s.opts,
        allowedRedirectOrigins: ["https://evil.example"],
      });
      assert.equal(allowed.status, 302, "an allowed origin works");
      assert.equal((await s.call(buildLogoutUrl({ domainName: s.domainName, redirectUrl: "https://evil.example/" }))).status, 400);

      const badClient = new URL(authorizeUrl(s));
      badClient.searchParams.set("client_id", "unknown");
      assert.equal((await s.call(badClient.toString())).status, 400);
      const badType = new URL(authorizeUrl(s));
      badType.searchParams.set("response_type", "token");
      assert.equal((await s.call(badType.toString())).status, 400);

      // a path outside the mount, and an unknown endpoint under it
      assert.equal((await s.call(`${APP_URL}/dev/oneaccess/other/api/v1/oauth2/userinfo`)).status, 404);
      assert.equal((await s.call(`${s.domainName}/api/v1/oauth2/introspect`)).status, 404);

      // a tenant that was never synced
      const ghost = randomUUID();
      const ghostRes = await handleEmulatorRequest(h.db.prisma, new Request(`${APP_URL}${emulatorBasePath(ghost)}/api/v1/oauth2/authorize?client_id=c&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code`), {
        basePath: emulatorBasePath(ghost),
        tenantId: ghost,
        enabled: true,
        store: new EmulatorStore(),
      });
      assert.equal(ghostRes.status, 404);
    });
  });

  describe(`resolveTenantLogin / resolveCustomer on ${target.name}`, { skip: target.skip }, () => {
    const h = useTestDatabase(target);

    it("resolveCustomer: ok, and each refusal reason", async () => {
      const prisma = h.db.prisma;
      const s = await seedTenant(prisma);
      const ok = await resolveCustomer(prisma, { tenantId: s.tenantId, userName: "alice" });
      assert.ok(ok.ok);
      assert.equal(ok.tenant.tenantId, s.tenantId);

      const reason = async (input: Parameters<typeof resolveCustomer>[1]) => {
        const r = await resolveCustomer(prisma, input);
        assert.ok(!r.ok, "expected a refusal");
        assert.ok(r.message.length > 0);
        return r.reason;
      };
      assert.equal(await reason({ tenantId: s.tenantId, userName: "nobody" }), "not_synced");
      assert.equal(await reason({ tenantId: s.tenantId, userName: "carol" }), "not_synced", "deleted user");
      assert.equal(await reason({ tenantId: s.tenantId, userName: "bob" }), "disabled");
      assert.equal(await reason({ tenantId: "never-synced", userName: "alice" }), "tenant_unknown");
      assert.equal(await reason({ tenantId: "", userName: "alice" }), "tenant_unknown");
      // grant check only when appId is given (authSync flag=3 removes it)
      assert.equal(await reason({ tenantId: s.tenantId, userName: "dave", appId: "app-1" }), "not_granted");
      assert.ok((await resolveCustomer(prisma, { tenantId: s.tenantId, userName: "alice", appId: "app-1" })).ok);

      // instance released / missing / unbound; FROZEN still signs in
      const released = await seedTenant(prisma, { instanceStatus: "RELEASED" });
      assert.equal(await reason({ tenantId: released.tenantId, userName: "alice" }), "instance_released");
      const frozen = await seedTenant(prisma, { instanceStatus: "FROZEN" });
      const fr = await resolveCustomer(prisma, { tenantId: frozen.tenantId, userName: "alice" });
      assert.ok(fr.ok && fr.instance.status === "FROZEN");
      await prisma.tenant.update({ where: { tenantId: frozen.tenantId }, data: { instanceId: "no-such-instance" } });
      assert.equal(await reason({ tenantId: frozen.tenantId, userName: "alice" }), "instance_released");
      await prisma.tenant.update({ where: { tenantId: frozen.tenantId }, data: { instanceId: null } });
      assert.equal(await reason({ tenantId: frozen.tenantId, userName: "alice" }), "instance_released");

      // tenant deleted (tenantSync flag=0)
      await prisma.tenant.update({ where: { tenantId: s.tenantId }, data: { deletedAt: new Date() } });
      assert.equal(await reason({ tenantId: s.tenantId, userName: "alice" }), "tenant_unknown");
    });

    it("NUL or unpaired surrogates in the tenant path or in any parameter → 400 invalid_request, nothing looked up", async () => {
      const s = await seedTenant(h.db.prisma);
      const form = (fields: Record<string, string>) => ({
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
      const mount = (tenantId: string) => (url: string, init?: RequestInit) =>
        handleEmulatorRequest(h.db.prisma, new Request(url, init), { ...s.opts, basePath: emulatorBasePath(tenantId), tenantId });
      const authorizePath = "/api/v1/oauth2/authorize?response_type=code&client_id=c";
      const cases: [string, () => Promise<Response>][] = [
        ["NUL tenant (authorize)", () => mount("\u0000")(`${APP_URL}/dev/oneaccess/%00${authorizePath}`)],
        ["NUL inside the tenant", () => mount(`${s.tenantId}\u0000`)(`${APP_URL}/dev/oneaccess/${s.tenantId}%00${authorizePath}`)],
        ["lone surrogate tenant (token)", () => mount("\ud800")(`${APP_URL}/dev/oneaccess/%ED%A0%80/api/v1/oauth2/token`, form({ grant_type: "authorization_code" }))],
        ["NUL client_id (authorize GET)", () => s.call(authorizeUrl(s, { client_id: "c\u0000" }))],
        ["NUL userName (login form)", () => s.call(authorizeUrl(s), form({ userName: "alice\u0000", password: "demo" }))],
        ["NUL client_id (token)", () => s.call(`${s.domainName}/api/v1/oauth2/token`, form({ grant_type: "authorization_code", code: "x", client_id: "\u0000", client_secret: "y", redirect_uri: CALLBACK }))],
      ];
      for (const [name, request] of cases) {
        const res = await request();
        assert.equal(res.status, 400, name);
        assert.deepEqual(await res.json(), { error: "invalid_request", error_description: "parameters may not contain NUL characters or unpaired surrogates" }, name);
      }
    });

    it("resolveTenantLogin: ok, app selection, and each refusal reason", async () => {
      const prisma = h.db.prisma;
      const s = await seedTenant(prisma);
      const refusal = async (tenantId: string, appId?: string) => {
        const r = await resolveTenantLogin(prisma, tenantId, { appId });
        assert.ok(!r.ok, "expected a refusal");
        return r.reason;
      };
      assert.equal(await refusal("never-synced"), "tenant_unknown");
      // Text PostgreSQL refuses is no tenant either (not a database error).
      for (const odd of ["\u0000", `${s.tenantId}\u0000`, "x\ud800", "\udc00"]) assert.equal(await refusal(odd), "tenant_unknown", JSON.stringify(odd));
      assert.equal(await refusal(s.tenantId, "app-9"), "no_application");

      // Two applications: the most recently synced wins unless appId picks one.
      await prisma.application.create({ data: { tenantId: s.tenantId, appId: "app-2", clientId: "client-2", clientSecretEnc: seal("secret-2") } });
      const latest = await resolveTenantLogin(prisma, s.tenantId);
      assert.ok(latest.ok && latest.application.appId === "app-2" && latest.clientSecret === "secret-2");
      const picked = await resolveTenantLogin(prisma, s.tenantId, { appId: "app-1" });
      assert.ok(picked.ok && picked.clientSecret === SECRET);

      // deleted applications are ignored
      await prisma.application.updateMany({ where: { tenantId: s.tenantId }, data: { deletedAt: new Date() } });
      assert.equal(await refusal(s.tenantId), "no_application");
      await prisma.application.updateMany({ where: { tenantId: s.tenantId, appId: "app-1" }, data: { deletedAt: null, clientSecretEnc: "v1:AAAA" } });
      assert.equal(await refusal(s.tenantId), "secret_unreadable");

      const bad = await seedTenant(prisma);
      await prisma.tenant.update({ where: { tenantId: bad.tenantId }, data: { domainName: "ftp://idaas.example" } });
      assert.equal(await refusal(bad.tenantId), "domain_invalid");
      await prisma.tenant.update({ where: { tenantId: bad.tenantId }, data: { deletedAt: new Date() } });
      assert.equal(await refusal(bad.tenantId), "tenant_deleted");
    });
  });
}
