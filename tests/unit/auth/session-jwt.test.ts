/**
 * The session cookie decoder with a remembered key (src/server/auth/session-jwt.ts) agrees with
 * next-auth's own encode/decode both ways, and refuses what next-auth refuses.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken } from "~/server/auth/session-jwt";

const SECRET = "a-test-secret-for-session-cookies-0123456789";
const claims = { sub: "t1:alice", name: "Alice", sid: "sid-1", user: { kind: "customer" as const, name: "Alice", tenantId: "t1", userName: "alice", role: "admin", instanceId: "i1" } };

describe("session cookie decode (remembered key)", () => {
  it("decodes what next-auth encodes, to the same claims next-auth's decode gives", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const ours = await decodeSessionToken(token, SECRET);
    assert.deepEqual(ours, await decode({ token, secret: SECRET }));
    assert.equal(ours.sid, "sid-1");
    // Twice: the second call uses the remembered key.
    assert.deepEqual(await decodeSessionToken(token, SECRET), ours);
  });

  it("refuses a token made with another secret, a tampered one and an expired one", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    await assert.rejects(decodeSessionToken(token, `${SECRET}-rotated`));
    const parts = token.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await assert.rejects(decodeSessionToken(parts.join("."), SECRET));
    await assert.rejects(decodeSessionToken("not-a-jwt", SECRET));
    // Expired beyond next-auth's 15 s clock tolerance.
    const expired = await encode({ token: { ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret: SECRET, maxAge: -60 });
    await assert.rejects(decodeSessionToken(expired, SECRET));
    await assert.rejects(decode({ token: expired, secret: SECRET }));
  });

  it("keeps one key per secret: a rotated secret decodes its own tokens", async () => {
    const other = `${SECRET}-2`;
    const a = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const b = await encode({ token: { ...claims, sid: "sid-2" }, secret: other, maxAge: 3600 });
    assert.equal((await decodeSessionToken(b, other)).sid, "sid-2");
    assert.equal((await decodeSessionToken(a, SECRET)).sid, "sid-1");
  });
});
