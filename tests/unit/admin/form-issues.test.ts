/**
 * A refused staff form shows each field's problem in the console's language (form-issues.ts). The
 * issues come from the staff API's own input schemas, so a new kind of check the forms can
 * produce without a wording shows up here as English.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formIssuesIn } from "~/app/admin/(staff)/staff/form-issues";
import { getAdminTranslator } from "~/i18n/admin/dictionary";
import { ZStaffAddInput, ZStaffChangePasswordInput, ZStaffSetRoleInput } from "~/server/api/routers/staff-admin.schema";

const zh = getAdminTranslator("zh-CN");
const en = getAdminTranslator("en");
const HAN = /[\u4e00-\u9fff]/;

/** The message tRPC carries for a refused input: the validator's issues as JSON. */
function refusal(schema: { safeParse: (v: unknown) => { success: boolean; error?: { message: string } } }, input: unknown): string {
  const r = schema.safeParse(input);
  assert.equal(r.success, false, `expected ${JSON.stringify(input)} to be refused`);
  return r.error!.message;
}

const cases: Array<{ name: string; message: () => string; field: string; en: string; zh: string }> = [
  { name: "empty username", message: () => refusal(ZStaffAddInput, { userName: " ", password: "x", role: "viewer" }), field: "userName", en: "required", zh: "必填" },
  { name: "username over 64", message: () => refusal(ZStaffAddInput, { userName: "a".repeat(65), password: "x", role: "viewer" }), field: "userName", en: "at most 64 characters", zh: "最多 64 个字符" },
  { name: "username with markup", message: () => refusal(ZStaffAddInput, { userName: "<b>x</b>", password: "x", role: "viewer" }), field: "userName", en: "letters, digits and . _ @ - only", zh: "只能使用字母、数字和 . _ @ -" },
  { name: "password over 200", message: () => refusal(ZStaffChangePasswordInput, { currentPassword: "x", newPassword: "p".repeat(201) }), field: "newPassword", en: "at most 200 characters", zh: "最多 200 个字符" },
  { name: "unknown role", message: () => refusal(ZStaffSetRoleInput, { userName: "a", role: "root" }), field: "role", en: "not an allowed value", zh: "取值不在允许范围内" },
  { name: "missing field", message: () => refusal(ZStaffSetRoleInput, { userName: "a" }), field: "role", en: "not an allowed value", zh: "取值不在允许范围内" },
];

describe("staff form issues in the console's language", () => {
  for (const c of cases) {
    it(c.name, () => {
      const message = c.message();
      const [zhIssue] = formIssuesIn(message, zh) ?? [];
      const [enIssue] = formIssuesIn(message, en) ?? [];
      assert.deepEqual([zhIssue?.field, zhIssue?.text], [c.field, c.zh]);
      assert.deepEqual([enIssue?.field, enIssue?.text], [c.field, c.en]);
      assert.match(zhIssue!.text!, HAN);
    });
  }

  it("an issue of a kind without a wording keeps the validator's words, marked as untranslated", () => {
    const message = JSON.stringify([{ code: "custom", path: ["userName"], message: "taken by a plugin" }]);
    assert.deepEqual(formIssuesIn(message, zh), [{ field: "userName", text: null, problem: "taken by a plugin" }]);
  });

  it("a message without an issue list, or with broken JSON, gives none", () => {
    assert.equal(formIssuesIn("name taken", zh), null);
    assert.equal(formIssuesIn("bad [not json]", zh), null);
    assert.equal(formIssuesIn("[]", zh), null);
  });
});
