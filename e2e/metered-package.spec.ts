/**
 * A 用完即停 package end to end, with 查询订单 on against the open-API mock: a tenant whose
 * instance is mock-sku-stop-pack-1k (plan stop_pack_1k, 1,000 API calls) signs in through the
 * OneAccess emulator and spends the package in the API console. A request larger than what is
 * left is not offered (Run disabled, with the reason) and the server refuses it entirely anyway;
 * at zero Run is disabled with the "package is used up" sentence, the badge says "Used up", a
 * banner links to KooGallery, and nothing is called on-demand billing — in the user's language,
 * on a phone too. A new package — the newInstance of a new order of the same buyer and SKU,
 * through the production interface — tops up the same account (docs/billing.md §3), and the
 * console works again.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { emulatorSignIn, seedCustomerTenant, type E2ETenant } from "./helpers/customer";
import { expectFitsPhoneAndDesktop, PHONE, signInToApp, watchConsole } from "./helpers/customer-page";
import { E2E_BASE_URL } from "./helpers/env";
import { buyInstance, uniqueStamp } from "./helpers/marketplace";

test.describe.configure({ mode: "serial" });
// The browser asks for English (Accept-Language) until the user switches to 中文 on the page.
test.use({ locale: "en-US" });

const SKU = "mock-sku-stop-pack-1k";
// The buyer of both packages: unique per run, so runs against one server never share an account.
const customerId = `e2e-stop-${uniqueStamp().toLowerCase()}`;
let tenant: E2ETenant;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  tenant = await seedCustomerTenant(request, "用完即停企业 Stop-Pack Org", [{ userName: "pat", name: "Pat 包", role: "admin", enable: "true" }], { sku: SKU, customerId });
  await request.dispose();
});

const remaining = (page: Page) => page.getByTestId("meter-remaining-api_calls");

/** The API console: on /app itself, or one link away from it. */
async function openConsole(page: Page): Promise<void> {
  await page.goto("/app");
  const run = page.getByTestId("api-run");
  const link = page.getByRole("link", { name: /API console|API 控制台/ });
  await expect(run.or(link).first()).toBeVisible();
  if (!(await run.isVisible())) await link.first().click();
  await expect(run).toBeEnabled();
}

/** Runs `count` calls; waits for the answer of this click (the console clears the last one first). */
async function runCalls(page: Page, count: number): Promise<void> {
  await page.getByTestId("api-count").fill(String(count));
  await page.getByTestId("api-run").click();
  await expect(page.getByTestId("api-result").or(page.getByTestId("api-error"))).toBeVisible();
  // Settled (at zero the button then stays disabled, so wait for "not busy", not "enabled").
  await expect(page.getByTestId("api-run")).toHaveAttribute("aria-busy", "false");
}

async function expectServed(page: Page, count: number, left: number): Promise<void> {
  const result = page.getByTestId("api-result");
  await expect(result).toHaveAttribute("data-served", String(count));
  await expect(result).toHaveAttribute("data-remaining", String(left));
  await expect(page.getByTestId("api-error")).toHaveCount(0);
  await expect(remaining(page)).toHaveAttribute("data-remaining", String(left));
}

/** tenant.callApi as the console sends it, with this session: what the server answers on its own. */
async function callApi(page: Page, count: number): Promise<{ status: number; code?: string }> {
  const res = await page.request.post("/api/trpc/tenant.callApi", { data: { json: { count, requestId: randomUUID() } } });
  const body = (await res.json()) as { error?: { json: { data: { appError?: { code: string } } } } };
  return { status: res.status(), code: body.error?.json.data.appError?.code };
}

/** Run is disabled and says why (data-code, text). */
async function expectBlocked(page: Page, code: string, reason: RegExp): Promise<void> {
  await expect(page.getByTestId("api-run")).toBeDisabled();
  const blocked = page.getByTestId("api-blocked");
  await expect(blocked).toHaveAttribute("data-code", code);
  await expect(blocked).toHaveText(reason);
}

/** The server's own account of the meter (tenant.usage), independent of what the page shows. */
async function serverBalance(page: Page): Promise<{ remaining: number | null; usedThisPeriod: number; grants: number }> {
  const res = await page.request.get("/api/trpc/tenant.usage");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { meters: Array<{ meter: string; remaining: number | null; usedThisPeriod: number; grants: unknown[] }> } } } };
  const m = body.result.data.json.meters.find((x) => x.meter === "api_calls")!;
  return { remaining: m.remaining, usedThisPeriod: m.usedThisPeriod, grants: m.grants.length };
}

test("a 用完即停 package serves all or nothing, stops at zero, and a new package tops it up", async ({ page, request }) => {
  test.setTimeout(180_000);
  const browserLog = watchConsole(page);
  await page.goto(`/login/start?tenant=${tenant.tenantCode}`);
  await emulatorSignIn(page, "pat");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await expect(page.getByTestId("instance-id")).toHaveText(tenant.instanceId);
  await expect(page.getByTestId("state-badge")).toHaveText("Active");

  await openConsole(page);
  await expect(remaining(page)).toHaveAttribute("data-remaining", "1000");

  await runCalls(page, 600);
  await expectServed(page, 600, 400);
  await expect(page.getByTestId("api-result")).toContainText("600 calls served.");

  // 600 > 400 left: not offered — and refused entirely by the server; nothing was served.
  await page.getByTestId("api-count").fill("600");
  await expectBlocked(page, "OVER_BALANCE", /^Only 400 calls left: a larger request would be refused entirely\. Enter 400 or fewer\.$/);
  expect(await callApi(page, 600)).toEqual({ status: 402, code: "PACKAGE_EXHAUSTED" });
  await page.reload();
  await expect(remaining(page)).toHaveAttribute("data-remaining", "400");
  expect(await serverBalance(page)).toEqual({ remaining: 400, usedThisPeriod: 600, grants: 1 });

  await runCalls(page, 400);
  await expectServed(page, 400, 0);

  // Used up: the page says so, and nothing calls the prepaid usage on-demand billing.
  await expectBlocked(page, "PACKAGE_EXHAUSTED", /^Your package is used up; buy a new package on KooGallery to continue\.$/);
  await expect(page.getByTestId("state-badge")).toHaveText("Used up");
  await expect(page.locator('[data-testid="notice"][data-kind="usedUp"]')).toContainText("Your API calls package is used up");
  await expect(page.getByTestId("meter-period-api_calls")).toHaveText("Used this month: 1,000 calls");
  await expect(page.getByText(/Billed on demand/)).toHaveCount(0);
  await expect(page.getByText(/A request larger than the remaining balance/)).toHaveCount(0);

  // … in the language the user switches to, on a phone as well.
  await page.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]').click();
  await expect(page.getByTestId("lang-switch").locator('button[data-locale="en"]')).toBeVisible();
  await expectBlocked(page, "PACKAGE_EXHAUSTED", /^套餐包额度已用完，请前往云商店购买新的套餐包。$/);
  await expect(page.getByTestId("state-badge")).toHaveText("已用完");
  await expect(page.getByText(/按需计费/)).toHaveCount(0);
  await expectFitsPhoneAndDesktop(page);
  await page.setViewportSize(PHONE);
  expect(await callApi(page, 1)).toEqual({ status: 402, code: "PACKAGE_EXHAUSTED" });
  expect(await serverBalance(page)).toEqual({ remaining: 0, usedThisPeriod: 1000, grants: 1 });

  // The buyer buys a new package: a new order, same customer and SKU, delivered through the
  // production interface. It is another instance, but it tops up the same account.
  const second = await buyInstance(request, { sku: SKU, customerId, orderPrefix: "CSTOPUP" });
  expect(second.instanceId).not.toBe(tenant.instanceId);

  await page.getByTestId("lang-switch").locator('button[data-locale="en"]').click();
  await expect(page.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]')).toBeVisible();
  await expect(remaining(page)).toHaveAttribute("data-remaining", "1000");
  await expect(page.getByTestId("meter-grants-api_calls").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("state-badge")).toHaveText("Active");
  await expect(page.getByTestId("notice")).toHaveCount(0);
  await expect(page.getByTestId("api-run")).toBeEnabled();
  await runCalls(page, 1);
  await expectServed(page, 1, 999);
  // One call is one call.
  await expect(page.getByTestId("api-result")).toContainText("1 call served.");
  await expect(page.getByTestId("api-result")).toContainText("Remaining: 999 calls");
  expect(await serverBalance(page)).toEqual({ remaining: 999, usedThisPeriod: 1001, grants: 2 });
  expect(browserLog.errors).toEqual([]);
});

test("a stale tab's request larger than what is really left says how much is left, in both languages", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const org = await seedCustomerTenant(
    request,
    "过期标签页企业 Stale-Tab Org",
    [
      { userName: "grace", name: "Grace 郭", role: "admin", enable: "true" },
      { userName: "heidi", name: "Heidi 何", role: "user", enable: "true" },
    ],
    { sku: SKU, customerId: `e2e-stale-${uniqueStamp().toLowerCase()}` },
  );
  await request.dispose();
  const graceContext = await browser.newContext({ locale: "en-US" });
  const heidiContext = await browser.newContext({ locale: "en-US" });
  const grace = await graceContext.newPage();
  const heidi = await heidiContext.newPage();
  const graceLog = watchConsole(grace, [/402/]);
  await signInToApp(grace, org, "grace");
  await signInToApp(heidi, org, "heidi");
  await openConsole(grace);
  await openConsole(heidi);
  await expect(remaining(grace)).toHaveAttribute("data-remaining", "1000");

  // Heidi spends 700 in her tab; Grace's still shows 1,000 and offers 500.
  await runCalls(heidi, 700);
  await expectServed(heidi, 700, 300);
  await expect(remaining(grace)).toHaveAttribute("data-remaining", "1000");
  await runCalls(grace, 500);
  const error = grace.getByTestId("api-error");
  await expect(error).toHaveAttribute("data-code", "PACKAGE_EXHAUSTED");
  await expect(error).toHaveAttribute("data-remaining", "300");
  await expect(grace.getByTestId("api-error-title")).toHaveText("Request refused");
  await expect(grace.getByTestId("api-error-message")).toHaveText("Only 300 calls left, so this request was refused entirely: nothing was served or debited. Enter 300 or fewer.");
  await expect(error).not.toContainText(/used up/i);
  // The page has caught up: 500 is no longer offered.
  await expect(remaining(grace)).toHaveAttribute("data-remaining", "300");
  // Said once: the refusal names the balance, so the amber note does not repeat it; Run stays off.
  await expect(grace.getByTestId("api-run")).toBeDisabled();
  await expect(grace.getByTestId("api-blocked")).toHaveCount(0);
  await expect(grace.getByText(/^Only 300 calls left/)).toHaveCount(1);
  // Editing the number dismisses the refusal; a number still over the balance gets the note.
  await grace.getByTestId("api-count").fill("400");
  await expect(error).toHaveCount(0);
  await expect(grace.getByTestId("api-blocked")).toHaveAttribute("data-code", "OVER_BALANCE");
  await grace.getByTestId("api-count").fill("250");

  // In 中文 the same: Heidi spends 100 more, Grace's tab (now zh) still believes 300.
  await grace.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]').click();
  await expect(grace.getByTestId("lang-switch").locator('button[data-locale="en"]')).toBeVisible();
  await expect(grace.getByTestId("api-run")).toBeEnabled();
  // Counts read the same everywhere, the plan's name included.
  await expect(grace.getByTestId("plan-name")).toHaveText("用完即停套餐包 1,000 次");
  await runCalls(heidi, 100);
  await expectServed(heidi, 100, 200);
  await runCalls(grace, 250);
  await expect(error).toHaveAttribute("data-remaining", "200");
  await expect(grace.getByTestId("api-error-title")).toHaveText("请求被拒绝");
  await expect(grace.getByTestId("api-error-message")).toHaveText("仅剩 200 次，本次请求已被整笔拒绝，未调用也未扣减任何额度。请输入不超过 200 的次数。");
  await expect(error).not.toContainText("已用完");
  expect(await serverBalance(grace)).toEqual({ remaining: 200, usedThisPeriod: 800, grants: 1 });
  expect(graceLog.errors).toEqual([]);
  await graceContext.close();
  await heidiContext.close();
});

test("a number the console refuses itself is an input problem, with counts in the locale's format", async ({ page }) => {
  await signInToApp(page, tenant, "pat");
  await openConsole(page);
  await expect(page.getByTestId("api-count").locator("xpath=..")).toContainText("(1 to 1,000)");
  await page.getByTestId("api-count").fill("5000");
  await page.getByTestId("api-run").click();
  const error = page.getByTestId("api-error");
  await expect(error).toHaveAttribute("data-code", "INVALID_INPUT");
  await expect(page.getByTestId("api-error-title")).toHaveText("Check the number of calls");
  await expect(page.getByTestId("api-error-message")).toHaveText("Enter a whole number from 1 to 1,000.");
  await expect(error).not.toContainText("Request refused");
  // Editing the number clears the complaint about the old one.
  await page.getByTestId("api-count").fill("1");
  await expect(error).toHaveCount(0);

  // Keyboard focus is plainly visible: a 2 px outline, not just a 1 px border colour.
  await page.getByTestId("api-count").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("api-run")).toBeFocused();
  for (const testId of ["api-run", "api-count"]) {
    if (testId === "api-count") await page.keyboard.press("Shift+Tab");
    const ring = await page.getByTestId(testId).evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: s.outlineWidth, offset: s.outlineOffset };
    });
    expect(ring, testId).toEqual({ style: "solid", width: "2px", offset: "2px" });
  }
});
