import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seal, unseal } from "~/server/crypto/at-rest";

const K1 = Buffer.alloc(32, 1).toString("base64");
const K2 = Buffer.alloc(32, 2).toString("hex");

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = seal("pässwörd 密码", K1);
    const b = seal("pässwörd 密码", K1);
    assert.notEqual(a, b);
    assert.match(a, /^v1:/);
    assert.equal(unseal(a, K1), "pässwörd 密码");
  });
  it("refuses the wrong key and tampered ciphertext", () => {
    const s = seal("secret", K1);
    assert.throws(() => unseal(s, K2));
    const raw = Buffer.from(s.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    assert.throws(() => unseal(`v1:${raw.toString("base64")}`, K1));
  });
});
