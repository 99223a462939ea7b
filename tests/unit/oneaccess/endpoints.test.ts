import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  buildAuthorizeUrl,
  buildLogoutUrl,
  buildUnifiedLoginUrl,
  needsRefresh,
  newState,
  normalizeDomainName,
  oneAccessEndpoints,
  tokenExpiresAt,
  UNIFIED_LOGIN_URL,
} from "~/server/oneaccess";

describe("oneAccessEndpoints", () => {
  it("appends the kit paths to the synced domainName (scheme included, as in tenantSync)", () => {
    assert.deepEqual(oneAccessEndpoints("https://example.tenantaccount.com"), {
      base: "https://example.tenantaccount.com",
      authorize: "https://example.tenantaccount.com/api/v1/oauth2/authorize",
      token: "https://example.tenantaccount.com/api/v1/oauth2/token",
      userinfo: "https://example.tenantaccount.com/api/v1/oauth2/userinfo",
      logout: "https://example.tenantaccount.com/api/v1/logout",
    });
  });

  it("keeps a path prefix and drops trailing slashes, whitespace, query and fragment", () => {
    const e = oneAccessEndpoints("  http://localhost:3000/dev/oneaccess/t-1//  ");
    assert.equal(e.base, "http://localhost:3000/dev/oneaccess/t-1");
    assert.equal(e.token, "http://localhost:3000/dev/oneaccess/t-1/api/v1/oauth2/token");
    assert.equal(normalizeDomainName("https://idaas.example.com/?x=1#y"), "https://idaas.example.com");
    assert.equal(normalizeDomainName("https://IDaaS.Example.com:443/"), "https://idaas.example.com");
  });

  it("adds https:// when the scheme is missing (docs also write https://{domain_name}/api/…)", () => {
    assert.equal(oneAccessEndpoints("example.tenantaccount.com").userinfo, "https://example.tenantaccount.com/api/v1/oauth2/userinfo");
  });

  it("refuses empty, non-http(s) and credential-carrying domains", () => {
    assert.throws(() => oneAccessEndpoints(""), /empty/);
    assert.throws(() => oneAccessEndpoints("ftp://example.com"), /http\(s\)/);
    assert.throws(() => oneAccessEndpoints("https://user:pw@example.com"), /credentials/);
    assert.throws(() => oneAccessEndpoints("https://exa mple.com"), /not a URL/);
  });
});

describe("buildAuthorizeUrl", () => {
  it("produces the documented query (response_type, client_id, redirect_uri, scope, state)", () => {
    const url = buildAuthorizeUrl({
      domainName: "https://example.tenantaccount.com/",
      clientId: "NzZeWuiJa91dPSRdZQChMazIh13AW",
      redirectUri: "https://example.com/api/auth/callback/oneaccess?x=1",
      state: "test",
    });
    assert.equal(
      url,
      "https://example.tenantaccount.com/api/v1/oauth2/authorize?response_type=code&client_id=NzZeWuiJa91dPSRdZQChMazIh13AW&redirect_uri=https%3A%2F%2Fexample.com%2Fapi%2Fauth%2Fcallback%2Foneaccess%3Fx%3D1&scope=get_user_info&state=test",
    );
  });

  it("omits state when not given, allows another scope, and refuses a state outside letters/digits", () => {
    const u = new URL(buildAuthorizeUrl({ domainName: "https://d.example", clientId: "c", redirectUri: "https://a.example/cb", scope: "x y" }));
    assert.equal(u.searchParams.get("state"), null);
    assert.equal(u.searchParams.get("scope"), "x y");
    assert.throws(() => buildAuthorizeUrl({ domainName: "https://d.example", clientId: "c", redirectUri: "https://a.example/cb", state: "a-b_c" }), /letters or digits/);
    assert.throws(() => buildAuthorizeUrl({ domainName: "https://d.example", clientId: "", redirectUri: "https://a.example/cb" }), /clientId/);
  });

  it("newState() fits the alphabet and differs per call", () => {
    const s = newState();
    assert.match(s, /^[0-9a-f]{32}$/);
    assert.notEqual(s, newState());
    buildAuthorizeUrl({ domainName: "https://d.example", clientId: "c", redirectUri: "https://a.example/cb", state: s });
  });
});

describe("buildUnifiedLoginUrl", () => {
  it("fills appId inside the fragment of the marketplace URL", () => {
    assert.equal(UNIFIED_LOGIN_URL, "https://macroverse.huaweicloud.com/unified-login/#/portal-login?ind=UNOP&appId=");
    assert.equal(
      buildUnifiedLoginUrl({ unifiedLoginUrl: UNIFIED_LOGIN_URL, appId: "app 1&x" }),
      "https://macroverse.huaweicloud.com/unified-login/#/portal-login?ind=UNOP&appId=app+1%26x",
    );
    assert.equal(buildUnifiedLoginUrl({ appId: "abc" }), "https://macroverse.huaweicloud.com/unified-login/#/portal-login?ind=UNOP&appId=abc");
  });

  it("uses the query when the URL has no fragment (a local stand-in)", () => {
    assert.equal(buildUnifiedLoginUrl({ unifiedLoginUrl: "http://localhost:3000/dev/unified-login?ind=UNOP", appId: "a" }), "http://localhost:3000/dev/unified-login?ind=UNOP&appId=a");
    assert.throws(() => buildUnifiedLoginUrl({ appId: "" }), /appId/);
  });
});

describe("buildLogoutUrl", () => {
  it("GET {domain}/api/v1/logout?redirect_url=… (URL-encoded), redirect optional", () => {
    assert.equal(
      buildLogoutUrl({ domainName: "https://example.tenantaccount.com", redirectUrl: "https://example.com/?a=1&b=2" }),
      "https://example.tenantaccount.com/api/v1/logout?redirect_url=https%3A%2F%2Fexample.com%2F%3Fa%3D1%26b%3D2",
    );
    assert.equal(buildLogoutUrl({ domainName: "https://example.tenantaccount.com/" }), "https://example.tenantaccount.com/api/v1/logout");
  });
});

describe("token expiry bookkeeping", () => {
  const NOW = 1_700_000_000_000;
  it("tokenExpiresAt converts expires_in seconds to an absolute ms timestamp", () => {
    assert.equal(tokenExpiresAt(NOW, 7200), NOW + 7_200_000);
  });
  it("needsRefresh is true within the skew (default 60 s) and after expiry", () => {
    const exp = tokenExpiresAt(NOW, 7200);
    assert.equal(needsRefresh(exp, NOW), false);
    assert.equal(needsRefresh(exp, exp - 60_001), false);
    assert.equal(needsRefresh(exp, exp - 60_000), true);
    assert.equal(needsRefresh(exp, exp + 1), true);
    assert.equal(needsRefresh(exp, exp - 5_000, 0), false);
    assert.equal(needsRefresh(exp, exp - 5_000, 10_000), true);
  });
});
