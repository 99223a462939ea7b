/**
 * The projects card, the demo product's count quota, end to end: a tenant on
 * mock-sku-basic-monthly (plan basic, 10 projects) signs in through the OneAccess emulator,
 * creates a project (listed with its time in the browser's zone, 1/10 on the card and on the
 * quota bar), is refused a duplicate name, sees a too-long name counted rather than cut, and
 * deletes the project after confirming (0/10: the unit is given back). Then the account is filled
 * to 10 through the tRPC endpoint the page uses (the 11th is refused there), and at the limit
 * Create is disabled with the reason, in the user's language; deleting one makes room again.
 */
import { expect, test, type Page } from "@playwright/test";
import { emulatorSignIn, seedCustomerTenant, type E2ETenant } from "./helpers/customer";
import { expectFitsPhoneAndDesktop, signInToApp, watchConsole } from "./helpers/customer-page";
import { E2E_BASE_URL } from "./helpers/env";

test.describe.configure({ mode: "serial" });
// The browser asks for English (Accept-Language) until the user switches to 中文 on the page.
test.use({ locale: "en-US", timezoneId: "Europe/Berlin" });

const SKU = "mock-sku-basic-monthly";
const LIMIT = 10;
let tenant: E2ETenant;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  tenant = await seedCustomerTenant(request, "项目企业 Projects Org", [{ userName: "quinn", name: "Quinn 秦", role: "admin", enable: "true" }], { sku: SKU });
  await request.dispose();
});

const card = (page: Page) => page.getByTestId("projects");
const items = (page: Page) => card(page).getByTestId("project-item");

/** The card's count and the quota bar of the same quota, both server-rendered. */
async function expectUsed(page: Page, used: number): Promise<void> {
  await expect(card(page).getByTestId("projects-quota")).toHaveAttribute("data-used", String(used));
  await expect(card(page).getByTestId("projects-quota")).toHaveAttribute("data-limit", String(LIMIT));
  await expect(page.getByTestId("quota-projects")).toHaveAttribute("data-used", String(used));
  await expect(items(page)).toHaveCount(used);
}

/** Submits the form; waits for this click's answer to be settled. */
async function create(page: Page, name: string): Promise<void> {
  await card(page).getByTestId("project-name").fill(name);
  await card(page).getByTestId("project-create").click();
  await expect(card(page).getByTestId("project-create")).toHaveAttribute("aria-busy", "false");
}

/** Delete → the row asks → confirm. */
async function deleteConfirmed(page: Page, item: ReturnType<typeof items>): Promise<void> {
  await item.getByTestId("project-delete").click();
  await item.getByTestId("project-delete-confirm").click();
}

async function expectRefused(page: Page, code: string, message: RegExp): Promise<void> {
  const error = card(page).getByTestId("project-error");
  await expect(error).toHaveAttribute("data-code", code);
  await expect(error).toContainText(message);
}

/** project.create as the page's tRPC client sends it (one call, superjson input), with this session. */
async function createViaApi(page: Page, name: string): Promise<{ status: number; code?: string }> {
  const res = await page.request.post("/api/trpc/project.create", { data: { json: { name } } });
  const body = (await res.json()) as { result?: { data: { json: { name: string } } }; error?: { json: { data: { appError: { code: string } } } } };
  if (res.ok()) expect(body.result?.data.json.name).toBe(name);
  return { status: res.status(), code: body.error?.json.data.appError.code };
}

test("create, refuse a duplicate, delete after confirming — and at the plan's limit Create says why it is off", async ({ page }) => {
  test.setTimeout(180_000);
  // The duplicate name below is refused by the server (409), which Chromium logs.
  const browserLog = watchConsole(page, [/status of 409/]);
  await page.goto(`/login/start?tenant=${tenant.tenantCode}`);
  await emulatorSignIn(page, "quinn");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await expect(page.getByTestId("instance-id")).toHaveText(tenant.instanceId);

  await expect(card(page)).toBeVisible();
  await expect(card(page).getByTestId("projects-empty")).toBeVisible();
  await expectUsed(page, 0);
  await expect(card(page).getByLabel("Project name")).toBeVisible();
  await expect(card(page)).toContainText("(up to 80 characters)");
  await expect(card(page).getByTestId("project-name-count")).toHaveText("0 / 80 characters");
  await expect(card(page).getByTestId("project-create")).toBeEnabled();

  // Create: listed with its creator, counted on the card and on the quota bar.
  await create(page, "  Apollo 阿波罗  ");
  await expectUsed(page, 1);
  const first = items(page).first();
  await expect(first).toContainText("Apollo 阿波罗");
  await expect(first).toContainText("Created by quinn");
  // In the browser's zone (Berlin), with the zone written out.
  await expect(first.locator("time")).toHaveAttribute("data-zone", "Europe/Berlin");
  await expect(first.locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\+[12]$/);
  await expect(card(page).getByTestId("project-error")).toHaveCount(0);
  await expect(card(page).getByTestId("project-name")).toHaveValue("");

  // The same name again: refused, nothing counted.
  await create(page, "Apollo 阿波罗");
  // The server's message, as a sentence.
  await expectRefused(page, "PROJECT_NAME_TAKEN", /A project with this name already exists\./);
  await expectUsed(page, 1);

  // A blank name never leaves the browser.
  await create(page, "   ");
  await expectRefused(page, "INVALID_INPUT", /Enter a name of 1 to 80 characters/);

  // Too long: kept as typed (not cut), counted, and Create says why it is off.
  const long = "L".repeat(85);
  await card(page).getByTestId("project-name").fill(long);
  await expect(card(page).getByTestId("project-name")).toHaveValue(long);
  await expect(card(page).getByTestId("project-name-count")).toHaveText("85 / 80 characters");
  await expect(card(page).getByTestId("project-create")).toBeDisabled();
  await expect(card(page).getByTestId("project-create-blocked")).toHaveText("The name is 85 characters long; at most 80 are allowed.");
  await card(page).getByTestId("project-name").fill("L".repeat(80));
  await expect(card(page).getByTestId("project-create")).toBeEnabled();
  await card(page).getByTestId("project-name").fill("");
  // The server checks the limit on its own.
  expect(await createViaApi(page, "L".repeat(81))).toEqual({ status: 400, code: "INVALID_INPUT" });

  // Delete asks first; Cancel keeps the project.
  await first.getByTestId("project-delete").click();
  await expect(first.getByTestId("project-delete-confirmation")).toContainText("Delete project “Apollo 阿波罗”? This cannot be undone.");
  await expect(first.getByTestId("project-delete-cancel")).toBeFocused();
  await first.getByTestId("project-delete-cancel").click();
  await expect(first.getByTestId("project-delete-confirmation")).toHaveCount(0);
  await expectUsed(page, 1);
  // Escape cancels too.
  await first.getByTestId("project-delete").click();
  await page.keyboard.press("Escape");
  await expect(first.getByTestId("project-delete-confirmation")).toHaveCount(0);

  // Confirmed: gone, and the unit is back.
  await deleteConfirmed(page, first);
  await expectUsed(page, 0);
  await expect(card(page).getByTestId("project-error")).toHaveCount(0);
  await page.reload();
  await expectUsed(page, 0);

  // Fill the account up to the limit through the API; the 11th is refused there too.
  for (let i = 1; i <= LIMIT; i++) expect(await createViaApi(page, `p${i}`)).toEqual({ status: 200, code: undefined });
  expect(await createViaApi(page, "p11")).toEqual({ status: 402, code: "QUOTA_EXCEEDED" });
  await page.reload();
  await expectUsed(page, LIMIT);

  // At the limit Create is off and says why, in the user's language (the server refused above).
  await expect(card(page).getByTestId("project-create")).toBeDisabled();
  await expect(card(page).getByTestId("project-create-blocked")).toHaveText("All 10 projects of your plan are in use. Delete one, or upgrade on KooGallery for more.");

  await page.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]').click();
  await expect(page.getByTestId("lang-switch").locator('button[data-locale="en"]')).toBeVisible();
  await expect(card(page).getByLabel("项目名称")).toBeVisible();
  await expect(card(page).getByTestId("project-create")).toBeDisabled();
  await expect(card(page).getByTestId("project-create-blocked")).toHaveText("套餐的 10 个项目已全部用完。请先删除一个，或前往云商店升级以获得更多。");
  await expectUsed(page, LIMIT);
  await expectFitsPhoneAndDesktop(page);

  // Deleting one (confirmed) makes room for exactly one more.
  await deleteConfirmed(page, items(page).filter({ hasText: "p1" }).filter({ hasNotText: "p10" }));
  await expectUsed(page, LIMIT - 1);
  await expect(card(page).getByTestId("project-create")).toBeEnabled();
  await create(page, "p11");
  await expectUsed(page, LIMIT);
  await expect(card(page).getByTestId("project-error")).toHaveCount(0);
  await expect(items(page).first()).toContainText("p11");
  expect(browserLog.errors).toEqual([]);
});

test("a refusal goes away once the name is edited or a create succeeds; a blank name is an input problem", async ({ page, playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const org = await seedCustomerTenant(request, "项目企业二 Projects Org 2", [{ userName: "rita", name: "Rita 任", role: "admin", enable: "true" }], { sku: SKU });
  await request.dispose();
  const browserLog = watchConsole(page, [/status of 409/]);
  await signInToApp(page, org, "rita");
  const error = card(page).getByTestId("project-error");
  const name = card(page).getByTestId("project-name");

  await create(page, "Hermes");
  await expectUsed(page, 1);
  await create(page, "Hermes");
  await expectRefused(page, "PROJECT_NAME_TAKEN", /A project with this name already exists\./);
  await expect(card(page).getByTestId("project-error-title")).toHaveText("Request refused");
  // Typing a new name: the refusal was about the old one.
  await name.press("End");
  await name.pressSequentially("2");
  await expect(name).toHaveValue("Hermes2");
  await expect(error).toHaveCount(0);

  // Refused again, then a create that succeeds: no stale refusal stays next to the new project.
  await create(page, "Hermes");
  await expectRefused(page, "PROJECT_NAME_TAKEN", /already exists/);
  await name.fill("Hermes 3");
  await card(page).getByTestId("project-create").click();
  await expectUsed(page, 2);
  await expect(error).toHaveCount(0);

  // A blank name never leaves the browser: an input problem, not a refusal.
  await create(page, "   ");
  await expect(error).toHaveAttribute("data-code", "INVALID_INPUT");
  await expect(card(page).getByTestId("project-error-title")).toHaveText("Check the project name");
  await expect(error).toContainText("Enter a name of 1 to 80 characters.");
  await expect(error).not.toContainText("Request refused");
  await page.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]').click();
  await expect(page.getByTestId("lang-switch").locator('button[data-locale="en"]')).toBeVisible();
  await create(page, "   ");
  await expect(card(page).getByTestId("project-error-title")).toHaveText("请检查项目名称");
  await expect(error).not.toContainText("请求被拒绝");

  // Keyboard focus is plainly visible on the field, the button and the header's links.
  await name.focus();
  await page.keyboard.press("Tab");
  await expect(card(page).getByTestId("project-create")).toBeFocused();
  const ring = (el: Element) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: s.outlineWidth };
  };
  expect(await card(page).getByTestId("project-create").evaluate(ring)).toEqual({ style: "solid", width: "2px" });
  await page.keyboard.press("Shift+Tab");
  expect(await name.evaluate(ring)).toEqual({ style: "solid", width: "2px" });
  await page.locator("header a").first().focus();
  expect(await page.locator("header a").first().evaluate(ring)).toEqual({ style: "solid", width: "2px" });
  expect(browserLog.errors).toEqual([]);
});
