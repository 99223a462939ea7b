/**
 * 联营账号 login end to end, offline: two organisations Kit-synced over HTTP with the app's own
 * OneAccess emulator as their domainName. Customers sign in through the emulator and land on
 * the tenant home with their tenant and instance; another tenant's user sees only their own;
 * logout ends the session on the server (a saved copy of the cookie no longer opens /app);
 * never-synced and disabled users get the refusal page; staff and customers stay on their side.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { emulatorSignIn, seedCustomerTenant, type E2ETenant } from "./helpers/customer";
import { E2E_BASE_URL } from "./helpers/env";
import { chooseLanguage, expectFitsPhoneAndDesktop, PHONE, watchConsole } from "./helpers/customer-page";
import { signInAsStaff } from "./helpers/staff";

test.describe.configure({ mode: "serial" });

let a: E2ETenant;
let b: E2ETenant;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  a = await seedCustomerTenant(request, "甲方企业 Org A", [
    { userName: "alice", name: "Alice 李", role: "admin", enable: "true" },
    { userName: "bob", name: "Bob 王", role: "user", enable: "true" },
    { userName: "carol", name: "Carol 张", role: "user", enable: "false" },
  ]);
  b = await seedCustomerTenant(request, "乙方企业 Org B", [{ userName: "bruno", name: "Bruno 陈", role: "user", enable: "true" }]);
  await request.dispose();
});

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a seeded customer signs in through the emulator and lands on the tenant home", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("demo-tenants")).toContainText(a.tenantCode);
  await page.getByRole("link", { name: a.name }).click();
  await expect(page.getByRole("heading", { name: `Sign in to ${a.name}` })).toBeVisible();
  await emulatorSignIn(page, "alice");

  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await expect(page.getByTestId("tenant-name")).toHaveText(a.name);
  await expect(page.getByTestId("tenant-id")).toContainText(a.tenantId);
  await expect(page.getByTestId("user-account")).toHaveText("alice");
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  await expect(page.getByTestId("instance-id")).toHaveText(a.instanceId);
  await expect(page.getByTestId("instance-status")).toHaveAttribute("data-status", "ACTIVE");

  // A customer is not staff: the admin pages send them to the staff sign-in.
  await page.goto("/admin/calls");
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.goto("/login");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
});

test("a second tenant's user sees only their own tenant and instance", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/login");
  await page.getByLabel(/Tenant code or ID/).fill(b.tenantCode);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: `Sign in to ${b.name}` })).toBeVisible();
  await emulatorSignIn(page, "bruno");

  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await expect(page.getByTestId("tenant-name")).toHaveText(b.name);
  await expect(page.getByTestId("instance-id")).toHaveText(b.instanceId);
  const body = page.locator("body");
  await expect(body).not.toContainText(a.name);
  await expect(body).not.toContainText(a.instanceId);
  // The API behind the page answers the same, for this session only.
  const me = (await (await page.request.get("/api/trpc/tenant.me")).json()) as { result: { data: { json: { tenant: { tenantId: string } } } } };
  expect(me.result.data.json.tenant.tenantId).toBe(b.tenantId);
  await page.context().close();
});

test("a callback without state, as the marketplace's unified login sends it, signs in too", async ({ browser }) => {
  const page = await newPage(browser);
  const authorize = new URL(`${a.domainName}/api/v1/oauth2/authorize`);
  authorize.search = new URLSearchParams({ response_type: "code", client_id: a.clientId, redirect_uri: `${E2E_BASE_URL}/api/auth/callback/oneaccess`, scope: "get_user_info" }).toString();
  await page.goto(authorize.toString());
  await emulatorSignIn(page, "bob");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await expect(page.getByTestId("user-account")).toHaveText("bob");
  await expect(page.getByTestId("user-role")).toHaveText("user");

  // A state we never issued is refused.
  await page.context().clearCookies();
  await page.goto(`/api/auth/callback/oneaccess?code=forged&tenant=${a.tenantId}&state=abc123`);
  await expect(page).toHaveURL(/\/login\?error=state_mismatch$/);
  await page.context().close();
});

test("logout returns to sign-in and the old session cookie no longer works", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`/login/start?tenant=${a.tenantId}`);
  await emulatorSignIn(page, "alice");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  const saved = await page.context().cookies();
  expect(saved.some((c) => c.name === "next-auth.session-token")).toBe(true);

  await page.getByRole("button", { name: /Sign out/ }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?signedOut=1`);
  await expect(page.getByTestId("signed-out")).toContainText("You have signed out.");
  await page.goto("/app");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?required=1`);
  await expect(page.getByTestId("login-required")).toHaveText("Please sign in to continue.");
  // The OneAccess (emulator) session is gone too: signing in again asks for the account.
  await page.goto(`/login/start?tenant=${a.tenantId}`);
  await expect(page.getByRole("heading", { name: `Sign in to ${a.name}` })).toBeVisible();
  await page.context().close();

  // Replaying the cookie saved before logout, in a fresh browser, no longer opens /app.
  const replay = await browser.newContext();
  await replay.addCookies(saved);
  const again = await replay.newPage();
  await again.goto("/app");
  await expect(again).toHaveURL(/\/login\?error=session_expired$/);
  await expect(again.getByTestId("login-error")).toContainText("Your session has ended.");
  const api = await again.request.get("/api/trpc/tenant.me");
  expect(api.status()).toBe(401);
  await replay.close();
});

test("an unsynced user is refused with a clear page", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`/login/start?tenant=${a.tenantCode}`);
  await emulatorSignIn(page, "stranger", { otherAccount: true });
  await expect(page).toHaveURL(/\/login\?error=not_synced$/);
  const error = page.getByTestId("login-error");
  await expect(error).toHaveAttribute("data-code", "not_synced");
  // In the browser's language only (English here; the Chinese page is checked below).
  await expect(error).toContainText("Your account has not been synced to this application.");
  await expect(error).not.toContainText("您的账号尚未同步到本应用");
  await page.goto("/app");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?required=1`);
  await page.context().close();
});

test("a disabled user is refused", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`/login/start?tenant=${a.tenantId}`);
  await emulatorSignIn(page, "carol");
  await expect(page).toHaveURL(/\/login\?error=disabled$/);
  await expect(page.getByTestId("login-error")).toContainText("Your account is disabled for this application.");
  await page.goto("/app");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?required=1`);
  await page.context().close();
});

test("ISV staff cannot open the tenant pages", async ({ page }) => {
  await signInAsStaff(page);
  await page.goto("/app");
  await expect(page).toHaveURL(/\/login\?error=staff_session$/);
  await expect(page.getByTestId("login-error")).toContainText("You are signed in as ISV staff.");
  expect((await page.request.get("/api/trpc/tenant.me")).status()).toBe(403);
});

test("/login speaks the customer's language, without developer notes, and fits a phone", async ({ browser }) => {
  // A Chinese browser on a phone, not signed in.
  const context = await browser.newContext({ locale: "zh-CN", viewport: PHONE });
  const page = await context.newPage();
  const browserLog = watchConsole(page);
  await page.goto("/app");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?required=1`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
  await expect(page.getByTestId("login-required")).toHaveText("请先登录后再继续。");
  await expect(page.getByLabel("企业编码或租户ID")).toBeVisible();
  await expect(page.getByRole("button", { name: "继续" })).toBeVisible();
  await expect(page).toHaveTitle(/^登录/);
  const body = page.locator("body");
  // No English sentences of the page, and no note meant for the developer.
  await expect(body).not.toContainText("Sign in to a known organisation");
  await expect(body).not.toContainText("KOOGALLERY_APP_ID");
  await expectFitsPhoneAndDesktop(page);
  await page.setViewportSize(PHONE);

  // A refusal in Chinese; the switch keeps it on the page in English.
  await page.goto("/login?error=not_synced");
  await expect(page.getByTestId("login-error")).toHaveText("您的账号尚未同步到本应用。请联系贵企业管理员在华为云云商店为您授权后再登录。");
  await page.getByTestId("lang-switch").locator('button[data-locale="en"]').click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?error=not_synced`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.getByTestId("login-error")).toHaveText(/^Your account has not been synced to this application\./);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectFitsPhoneAndDesktop(page);

  // The cookie the switch set wins over the browser's Accept-Language from now on, as on /app.
  await chooseLanguage(context, "zh-CN");
  await page.goto("/login?signedOut=1");
  await expect(page.getByTestId("signed-out")).toHaveText("您已安全退出。");
  expect(browserLog.errors).toEqual([]);
  await context.close();
});

test("the tenant field holds at most the 64 characters it announces, and keeps what was typed after a refusal", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/login");
  const field = page.getByTestId("tenant-input");
  await expect(page.locator("label[for=tenant]")).toContainText("(up to 64 characters)");
  await expect(field).toHaveAttribute("maxlength", "64");
  // Typing past the limit stops at 64.
  await field.pressSequentially("x".repeat(70));
  await expect(field).toHaveValue("x".repeat(64));

  // An unknown organisation: refused, and the field still holds what was typed.
  await field.fill("no-such-org-e2e");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "tenant_unknown");
  await expect(page.getByTestId("tenant-input")).toHaveValue("no-such-org-e2e");
  // … also after switching the language.
  await page.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]').click();
  await expect(page.getByTestId("login-error")).toContainText("未找到该企业");
  await expect(page.getByTestId("tenant-input")).toHaveValue("no-such-org-e2e");

  // The server holds the same limit on its own, and says so rather than "unknown organisation".
  const long = `${a.tenantCode}${"y".repeat(65)}`;
  await page.goto(`/login/start?tenant=${encodeURIComponent(long)}`);
  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "tenant_too_long");
  await expect(page.getByTestId("login-error")).toHaveText("企业编码或租户ID最多 64 个字符，请检查输入。");
  await expect(page.getByTestId("tenant-input")).toHaveValue(long);
  await page.getByTestId("lang-switch").locator('button[data-locale="en"]').click();
  await expect(page.getByTestId("login-error")).toHaveText("A tenant code or ID has at most 64 characters. Check what you entered.");

  // Keyboard focus on the field and the button is plainly visible.
  await page.getByTestId("tenant-input").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  const ring = (el: Element) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: s.outlineWidth };
  };
  expect(await page.getByRole("button", { name: "Continue" }).evaluate(ring)).toEqual({ style: "solid", width: "2px" });
  await page.keyboard.press("Shift+Tab");
  expect(await page.getByTestId("tenant-input").evaluate(ring)).toEqual({ style: "solid", width: "2px" });
  await context.close();
});

test("a refused organisation keeps where the customer was going (?next=), and never an outside address", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent("/app/projects")}`);
  await page.getByTestId("tenant-input").fill("no-such-org-e2e");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "tenant_unknown");
  expect(new URL(page.url()).searchParams.get("next")).toBe("/app/projects");
  // The second try still carries it to /login/start.
  const loginForm = page.locator("form", { has: page.getByTestId("tenant-input") });
  await expect(loginForm.locator('input[type=hidden][name="next"]')).toHaveValue("/app/projects");

  // Too long, and with an outside `next`: refused as too long, the outside address dropped.
  await page.goto(`/login/start?tenant=${encodeURIComponent("z".repeat(70))}&next=${encodeURIComponent("https://evil.example/x")}`);
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "tenant_too_long");
  expect(new URL(page.url()).searchParams.get("next")).toBeNull();
  await context.close();
});
