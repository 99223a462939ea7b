/**
 * Who may read /api/metrics (src/server/observability/metrics-access.ts): off when neither
 * METRICS_TOKEN nor METRICS_ALLOW_CIDRS is set, bearer token, CIDR allow-list, both.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEnv } from "~/env";
import { metricsAccess, parseCidrList, tokenMatches } from "~/server/observability/metrics-access";

const TOKEN = "metrics-token-0123456789";
const h = (init: Record<string, string>) => new Headers(init);

describe("metrics access", () => {
  it("is off when nothing is configured", () => {
    const a = metricsAccess(h({ authorization: `Bearer ${TOKEN}` }), { trustedProxyCount: 1 });
    assert.equal(a.ok, false);
    assert.equal(!a.ok && a.status, 404);
  });

  it("requires the exact bearer token", () => {
    const cfg = { token: TOKEN, trustedProxyCount: 1 };
    assert.deepEqual(metricsAccess(h({ authorization: `Bearer ${TOKEN}` }), cfg), { ok: true });
    assert.deepEqual(metricsAccess(h({ authorization: `bearer ${TOKEN}` }), cfg), { ok: true }, "the scheme is case-insensitive");
    for (const bad of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`, "Bearer ", `Bearer ${TOKEN} extra`]) {
      const a = metricsAccess(h(bad === undefined ? {} : { authorization: bad }), cfg);
      assert.equal(!a.ok && a.status, 401, String(bad));
    }
  });

  it("compares tokens of any length without throwing", () => {
    assert.equal(tokenMatches("a", "a-much-longer-token"), false);
    assert.equal(tokenMatches("same", "same"), true);
  });

  it("checks the client address against the allow-list (through TRUSTED_PROXY_COUNT)", () => {
    const cfg = { allowCidrs: "10.0.0.0/8, 192.168.1.7, fd00::/8", trustedProxyCount: 1 };
    assert.deepEqual(metricsAccess(h({ "x-forwarded-for": "10.2.3.4" }), cfg), { ok: true });
    assert.deepEqual(metricsAccess(h({ "x-forwarded-for": "192.168.1.7" }), cfg), { ok: true });
    assert.deepEqual(metricsAccess(h({ "x-forwarded-for": "::ffff:10.9.9.9" }), cfg), { ok: true }, "IPv4-mapped IPv6 is the IPv4 address");
    assert.deepEqual(metricsAccess(h({ "x-forwarded-for": "fd12::1" }), cfg), { ok: true });
    for (const xff of ["192.168.1.8", "11.0.0.1", "2001:db8::1", "unknown"]) {
      const a = metricsAccess(h({ "x-forwarded-for": xff }), cfg);
      assert.equal(!a.ok && a.status, 403, xff);
    }
    // A client-written entry left of the proxy's does not count.
    const spoofed = metricsAccess(h({ "x-forwarded-for": "10.0.0.1, 203.0.113.9" }), cfg);
    assert.equal(!spoofed.ok && spoofed.status, 403);
    assert.equal(metricsAccess(h({}), cfg).ok, false, "no address at all");
  });

  it("requires both when both are set", () => {
    const cfg = { token: TOKEN, allowCidrs: "10.0.0.0/8", trustedProxyCount: 1 };
    assert.equal(metricsAccess(h({ "x-forwarded-for": "10.0.0.1" }), cfg).ok, false);
    assert.equal(metricsAccess(h({ "x-forwarded-for": "11.0.0.1", authorization: `Bearer ${TOKEN}` }), cfg).ok, false);
    assert.equal(metricsAccess(h({ "x-forwarded-for": "10.0.0.1", authorization: `Bearer ${TOKEN}` }), cfg).ok, true);
  });

  it("refuses malformed allow-lists, in the environment too", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "fd00::/129", "example.com", "10.0.0.0/8/1", "10.0.0.0/x"]) {
      assert.throws(() => parseCidrList(bad), Error, bad);
      assert.throws(() => parseEnv({ METRICS_ALLOW_CIDRS: bad }), /METRICS_ALLOW_CIDRS/, bad);
    }
    assert.throws(() => parseEnv({ METRICS_TOKEN: "short" }), /METRICS_TOKEN/);
    assert.throws(() => parseEnv({ LOG_LEVEL: "verbose" }), /LOG_LEVEL/);
    const env = parseEnv({ METRICS_ALLOW_CIDRS: "10.0.0.0/8,::1", LOG_LEVEL: "DEBUG" });
    assert.equal(env.LOG_LEVEL, "debug");
    assert.equal(parseEnv({}).LOG_LEVEL, "info");
  });
});
