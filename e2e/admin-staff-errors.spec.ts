/**
 * /admin/staff in both languages: the last active owner's Disable and Make viewer are disabled
 * with the reason shown (the server would refuse: LAST_OWNER), and a refusal from the server is
 * shown once, as a capitalised sentence in the page's language — no English detail in zh-CN, not
 * even a refused field's problem.
 */
import { expect, test } from "@playwright/test";
import { E2E_ENV } from "./helpers/env";
import { chooseLanguage } from "./helpers/customer-page";
import { signInAsStaff } from "./helpers/staff";

const TEXTS = {
  en: {
    lastOwner: "The last active owner cannot be disabled or made a viewer: make another account owner first.",
    nameTaken: "A staff account with this name already exists.",
    wrongPassword: "The current password is not correct.",
    userName: "Username",
    password: "Password",
    current: "Current password",
    next: "New password",
    repeat: "New password again",
    badName: "Username: letters, digits and . _ @ - only",
  },
  "zh-CN": {
    lastOwner: "这是最后一个有效的所有者，不能停用或设为只读：请先将其他账号设为所有者。",
    nameTaken: "已存在同名的运营账号。",
    wrongPassword: "当前密码不正确。",
    userName: "用户名",
    password: "密码",
    current: "当前密码",
    next: "新密码",
    repeat: "再次输入新密码",
    badName: "用户名：只能使用字母、数字和 . _ @ -",
  },
} as const;

for (const locale of ["en", "zh-CN"] as const) {
  test(`${locale}: the last owner's buttons say why; server refusals are shown once, translated`, async ({ page, context }) => {
    const text = TEXTS[locale];
    await signInAsStaff(page);
    await chooseLanguage(context, locale);
    await page.goto("/admin/staff");

    const owner = page.locator(`tr[data-user="${E2E_ENV.STAFF_USERNAME}"]`);
    await expect(owner.getByTestId("staff-toggle-disabled")).toBeDisabled();
    await expect(owner.getByTestId("staff-toggle-role")).toBeDisabled();
    await expect(owner.getByTestId("staff-last-owner")).toHaveText(text.lastOwner);

    // A name that exists: one message, the sentence alone (no "(… : name)" after it).
    const add = page.getByTestId("staff-add-form");
    await add.getByLabel(text.userName, { exact: true }).fill(E2E_ENV.STAFF_USERNAME);
    await add.getByLabel(text.password, { exact: true }).fill("a long enough password");
    await page.getByTestId("staff-add-submit").click();
    await expect(add.getByRole("alert")).toHaveCount(1);
    await expect(add.getByRole("alert")).toHaveText(text.nameTaken);

    // A refused field: its name and its problem, both in the page's language.
    await add.getByLabel(text.userName, { exact: true }).fill("<b>x</b>");
    await page.getByTestId("staff-add-submit").click();
    await expect(add.getByTestId("form-issue")).toHaveText(text.badName);

    const change = page.getByTestId("staff-password-form");
    await change.getByLabel(text.current, { exact: true }).fill("not the current password");
    await change.getByLabel(text.next, { exact: true }).fill("a brand new password");
    await change.getByLabel(text.repeat, { exact: true }).fill("a brand new password");
    await page.getByTestId("staff-password-submit").click();
    await expect(change.getByRole("alert")).toHaveText(text.wrongPassword);
  });
}
