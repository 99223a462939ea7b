/**
 * Why a staff password is refused reaches /admin/staff in the reader's language: passwordWeakness
 * gives each rule in English and Chinese, and the error shape (src/server/api/error-shape.ts)
 * puts that reason after the WEAK_PASSWORD message in both — no English left in the zh text.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatError, toTRPCError } from "~/server/api/error-shape";
import { AppError } from "~/server/errors";
import { passwordWeakness } from "~/server/staff/passwords";

const LATIN_WORD = /[A-Za-z]{2,}/g;

describe("staff password reasons", () => {
  const cases: [string, string, boolean][] = [
    ["", "vera", false],
    ["x".repeat(73), "vera", false],
    ["short", "vera", true],
    ["Vera-the-staff-member", "vera-the-staff-member", true],
    ["abababababababab", "vera", true],
  ];

  it("every rule has an English and a Chinese reason", () => {
    const seen = new Set<string>();
    for (const [password, userName, production] of cases) {
      const r = passwordWeakness(password, userName, production);
      assert.ok(r, `${password} should be refused`);
      assert.ok(/^must /.test(r.en), r.en);
      // Only "bcrypt", a name, may stay in Latin letters.
      assert.deepEqual((r.zh.match(LATIN_WORD) ?? []).filter((w) => w !== "bcrypt"), [], r.zh);
      seen.add(r.en);
    }
    assert.equal(seen.size, cases.length, "each case fails a different rule");
    assert.equal(passwordWeakness("a long enough password", "vera", true), null);
  });

  it("the error shape carries the reason in both languages", () => {
    const reason = passwordWeakness("short", "vera", true)!;
    const err = new AppError("WEAK_PASSWORD", reason.en, { reason });
    const shaped = formatError({ shape: { message: err.message, data: {} }, error: toTRPCError(err) });
    assert.equal(shaped.data.appError.message.en, "the password is too weak: must be at least 12 characters in production");
    assert.equal(shaped.data.appError.message.zh, "密码强度不足：生产环境中至少需要 12 个字符");
    // Without a reason, the row's messages alone.
    const plain = formatError({ shape: { message: "x", data: {} }, error: toTRPCError(new AppError("LAST_OWNER", "root")) });
    assert.deepEqual(plain.data.appError.message, { en: "the last active owner cannot be disabled or demoted", zh: "不能停用或降级最后一个有效的所有者" });
  });
});
