/** Which X-Forwarded-For entry a staff sign-in is throttled under (src/server/auth/client-address.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientAddress, userAgentOf } from "~/server/auth/client-address";

describe("client address of a sign-in", () => {
  const cases: Array<[string, string | undefined, number, string]> = [
    ["Next.js filled in the socket address", "198.51.100.7", 1, "198.51.100.7"],
    ["one proxy appended the real client; the client's own entry is ignored", "10.9.9.9, 198.51.100.7", 1, "198.51.100.7"],
    ["two proxies: the second from the end", "10.9.9.9, 198.51.100.7, 172.16.0.2", 2, "198.51.100.7"],
    ["fewer entries than proxies: the leftmost", "198.51.100.7", 3, "198.51.100.7"],
    ["IPv6", "2001:db8::1", 1, "2001:db8::1"],
    ["IPv4-mapped IPv6 counts as the IPv4 address", "::ffff:198.51.100.7", 1, "198.51.100.7"],
    ["spaces and empty entries", " , 198.51.100.7 ,", 1, "198.51.100.7"],
    ["no header", undefined, 1, "unknown"],
    ["garbage is not an address", "<script>", 1, "unknown"],
  ];
  for (const [name, xff, hops, expected] of cases) {
    it(name, () => {
      assert.equal(clientAddress(xff === undefined ? {} : { "x-forwarded-for": xff }, hops), expected);
      assert.equal(clientAddress(new Headers(xff === undefined ? {} : { "x-forwarded-for": xff }), hops), expected);
    });
  }
  it("caps the length; user agents too", () => {
    assert.equal(clientAddress({ "x-forwarded-for": "a".repeat(500) }, 1).length, 64);
    assert.equal(userAgentOf({ "user-agent": "x".repeat(1000) })!.length, 255);
    assert.equal(userAgentOf(undefined), null);
  });
});
