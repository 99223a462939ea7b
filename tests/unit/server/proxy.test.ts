/**
 * The proxy (src/proxy.ts) on real NextRequests: the response headers it sets, and what it
 * forwards to the route — the CSP for Next's nonce and the request path, overwriting a forged
 * one, while every header the marketplace signs (x-nonce, x-sign, x-timestamp …) reaches the
 * route exactly as sent.
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { config, proxy } from "~/proxy";
import { addApiSecurityHeaders, withApiSecurityHeaders } from "~/server/security/api-headers";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, isHttpsAppUrl, staticSecurityHeaders } from "~/server/security/headers";
import { REQUEST_PATH_HEADER } from "~/server/security/request-path";

const saved = process.env.APP_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = saved;
});

/** A header as the proxy forwards it to the route (Next's override protocol). */
const forwarded = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name.toLowerCase()}`);
const overridden = (res: Response) => (res.headers.get("x-middleware-override-headers") ?? "").split(",");

describe("proxy", () => {
  it("sets the security headers and a fresh nonce per request; HSTS only for an https APP_URL", () => {
    process.env.APP_URL = "http://127.0.0.1:3000";
    const a = proxy(new NextRequest("http://127.0.0.1:3000/admin"));
    const b = proxy(new NextRequest("http://127.0.0.1:3000/admin"));
    const csp = a.headers.get("content-security-policy")!;
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    assert.notEqual(csp, b.headers.get("content-security-policy"));
    assert.equal(forwarded(a, "content-security-policy"), csp, "Next reads the nonce from the request's policy");
    assert.equal(a.headers.get("x-frame-options"), "DENY");
    assert.equal(a.headers.get("x-content-type-options"), "nosniff");
    assert.equal(a.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
    assert.equal(a.headers.get("strict-transport-security"), null);
    assert.ok(!csp.includes("upgrade-insecure-requests"));

    process.env.APP_URL = "https://saas.example.com";
    const secure = proxy(new NextRequest("https://saas.example.com/"));
    assert.equal(secure.headers.get("strict-transport-security"), "max-age=31536000");
    assert.match(secure.headers.get("content-security-policy")!, /; upgrade-insecure-requests$/);
  });

  it("forwards the page path (overwriting a forged one, without Next's _rsc) and leaves the signed headers alone", () => {
    const req = new NextRequest("http://127.0.0.1:3000/admin/calls?x=1&_rsc=abc", {
      headers: { [REQUEST_PATH_HEADER]: "//evil.example", "x-nonce": "kit-nonce-1", "x-sign": "s", "x-timestamp": "1", authorization: "a" },
    });
    const res = proxy(req);
    assert.equal(forwarded(res, REQUEST_PATH_HEADER), "/admin/calls?x=1");
    for (const [name, value] of [["x-nonce", "kit-nonce-1"], ["x-sign", "s"], ["x-timestamp", "1"], ["authorization", "a"]] as const) {
      // Either not overridden at all, or forwarded unchanged.
      if (overridden(res).includes(name)) assert.equal(forwarded(res, name), value, name);
    }
    assert.deepEqual(overridden(res).filter((n) => !["x-nonce", "x-sign", "x-timestamp", "authorization", "content-security-policy", REQUEST_PATH_HEADER, "x-request-id"].includes(n)), []);
    assert.equal(forwarded(res, "x-nonce"), "kit-nonce-1");
  });

  it("keeps a sane X-Request-Id, replaces any other, and answers the one the app sees", () => {
    const kept = proxy(new NextRequest("http://127.0.0.1:3000/api/marketplace", { headers: { "x-request-id": "lb-0001" } }));
    assert.equal(forwarded(kept, "x-request-id"), "lb-0001");
    assert.equal(kept.headers.get("x-request-id"), "lb-0001");
    for (const headers of [{ "x-request-id": "two words" }, { "x-request-id": "x".repeat(129) }, {}] as Record<string, string>[]) {
      const res = proxy(new NextRequest("http://127.0.0.1:3000/app", { headers }));
      const id = forwarded(res, "x-request-id");
      assert.match(id ?? "", /^[0-9a-f-]{36}$/, JSON.stringify(headers));
      assert.equal(res.headers.get("x-request-id"), id);
    }
  });

  it("policy details: development loosens only what the dev server needs", () => {
    const dev = contentSecurityPolicy({ nonce: "n", dev: true, https: false });
    assert.match(dev, /'unsafe-eval'/);
    const prod = contentSecurityPolicy({ nonce: "n", dev: false, https: false });
    assert.equal(
      prod,
      "default-src 'self'; script-src 'self' 'nonce-n' 'strict-dynamic'; style-src 'self' 'nonce-n'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' https:; frame-ancestors 'none'",
    );
    assert.deepEqual(Object.keys(staticSecurityHeaders({ https: false })).sort(), ["Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options"]);
    for (const [url, https] of [["https://a.example", true], [" HTTPS://a.example", true], ["http://a.example", false], [undefined, false], ["", false]] as const) {
      assert.equal(isHttpsAppUrl(url), https, String(url));
    }
  });

  it("answers a path that is not valid percent-encoded UTF-8 with a 400, before Next's 500", async () => {
    process.env.APP_URL = "http://127.0.0.1:3000";
    for (const path of ["/admin/instances/%ED%A0%80", "/app/%FF", "/admin/tenants/%", "/admin/export/%C0%AF"]) {
      const res = proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
      assert.equal(res.status, 400, path);
      assert.match(await res.text(), /^400 Bad Request/, path);
      assert.equal(res.headers.get("x-frame-options"), "DENY", "with the usual security headers");
      assert.equal(res.headers.get("x-middleware-next"), null, `${path} is not passed on to Next`);
    }
    // Under the production address: the protocol's answer, HTTP 200 with 000002.
    const kit = proxy(new NextRequest("http://127.0.0.1:3000/api/marketplace/produceAPI/v2/%ED%A0%80", { method: "POST", body: "{}" }));
    assert.equal(kit.status, 200);
    assert.deepEqual(await kit.json(), { resultCode: "000002", resultMsg: "invalid request parameter: path: the address is not valid percent-encoded UTF-8" });
    // Well-formed escapes (UTF-8, an encoded slash) still go through.
    for (const path of ["/admin/instances/hA-lit%25_%5Cx", "/admin/licenses/%E4%B8%AD", "/admin/licenses/a%2Fb"]) {
      const res = proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get("x-middleware-next"), "1", path);
    }
  });

  it("runs for pages and the other routes, not for build assets, the emulator or the JSON routes that set their own headers", () => {
    const matches = (path: string) => unstable_doesMiddlewareMatch({ config, url: `http://127.0.0.1:3000${path}` });
    for (const path of ["/", "/app", "/login", "/admin/calls", "/api/health", "/api/metrics", "/api/auth/csrf", "/api/marketplacex", "/api/trpcx"]) {
      assert.equal(matches(path), true, path);
    }
    for (const path of ["/api/marketplace", "/api/marketplace/license", "/api/marketplace/produceAPI/v2/tenantSync", "/api/trpc/tenant.callApi", "/api/trpc/tenant.me,project.list", "/_next/static/x.js", "/dev/oneaccess/t/login"]) {
      assert.equal(matches(path), false, path);
    }
    // A percent-escape in those routes' paths: the proxy runs, to refuse a malformed one.
    for (const path of ["/api/marketplace/produceAPI/v2/%ED%A0%80", "/api/trpc/%FF"]) assert.equal(matches(path), true, path);
  });
});

describe("API route security headers (the routes the proxy skips)", () => {
  it("adds the API policy and the static headers to a handler's answer; HSTS only for an https APP_URL", async () => {
    process.env.APP_URL = "http://127.0.0.1:3000";
    const handler = withApiSecurityHeaders(async () => Response.json({ resultCode: "000000" }, { headers: { "x-request-id": "r1" } }));
    const res = await handler(new Request("http://127.0.0.1:3000/api/marketplace", { method: "POST" }));
    assert.equal(res.headers.get("content-security-policy"), API_CONTENT_SECURITY_POLICY);
    assert.equal(API_CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'");
    assert.equal(res.headers.get("x-frame-options"), "DENY");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
    assert.equal(res.headers.get("strict-transport-security"), null);
    assert.equal(res.headers.get("x-request-id"), "r1", "the handler's own headers stay");
    assert.deepEqual(await res.json(), { resultCode: "000000" });

    process.env.APP_URL = "https://saas.example.com";
    // Response.redirect has immutable headers: the answer is copied.
    const redirected = addApiSecurityHeaders(Response.redirect("https://saas.example.com/x", 302));
    assert.equal(redirected.status, 302);
    assert.equal(redirected.headers.get("location"), "https://saas.example.com/x");
    assert.equal(redirected.headers.get("strict-transport-security"), "max-age=31536000");
    assert.equal(redirected.headers.get("content-security-policy"), API_CONTENT_SECURITY_POLICY);
  });
});
