/**
 * Staff operations (README "Staff accounts and roles", "Audit log", "Re-running a logged call"):
 * the owner (the environment credential) adds a viewer; the viewer signs in and finds every action
 * disabled with the reason, and the server refuses it anyway; the call detail page shows a logged
 * call with copy buttons and re-runs it as a dry run; the audit log lists what happened. In both
 * languages, at 1280 px and 390 px, without console errors; screenshots go to test-results/.
 */
import { expect, test, type Page } from "@playwright/test";
import { chooseLanguage, DESKTOP, PHONE, watchConsole } from "./helpers/customer-page";
import { E2E_ENV } from "./helpers/env";
import { buyInstance, sendBaseCall } from "./helpers/marketplace";
import { newestCallId, signInAsStaff } from "./helpers/staff";

test.describe.configure({ mode: "serial" });

const VIEWER = { name: `viewer-${Date.now().toString(36)}`, password: "viewer password 0123" };

async function signInAs(page: Page, name: string, password: string): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** The page's own content fits the window (the shared header's mobile menu is another change). */
async function expectMainFits(page: Page): Promise<void> {
  const offenders = await page.evaluate(() => {
    const width = window.innerWidth;
    const main = document.querySelector("main");
    if (!main) return ["no <main>"];
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== main.parentElement; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    return Array.from(main.querySelectorAll("*"))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > width + 1 && !clipped(el);
      })
      .slice(0, 10)
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
  });
  expect(offenders, "elements of the page past the right edge").toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of [["1280", DESKTOP], ["390", PHONE]] as const) {
    await page.setViewportSize(size);
    await expectMainFits(page);
    await page.screenshot({ path: `test-results/ops-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test("the owner adds a viewer; the audit log shows it", async ({ page, context }) => {
  const console = watchConsole(page);
  await chooseLanguage(context, "en");
  await signInAsStaff(page);
  await expect(page.getByTestId("staff-role")).toHaveText("owner");
  await page.getByRole("link", { name: "Staff accounts" }).click();
  await expect(page.getByTestId("staff-table")).toContainText(E2E_ENV.STAFF_USERNAME);
  await expect(page.getByTestId("staff-table")).toContainText("first owner (environment)");
  const form = page.getByTestId("staff-add-form");
  await form.getByLabel("Username").fill(VIEWER.name);
  await form.getByLabel("Password").fill(VIEWER.password);
  await form.getByLabel("Role").selectOption("viewer");
  await page.getByTestId("staff-add-submit").click();
  await expect(page.getByTestId("staff-added")).toContainText(VIEWER.name);
  await expect(page.locator(`tr[data-user="${VIEWER.name}"]`)).toContainText("viewer");
  await shoot(page, "staff-en");

  // The last owner cannot be demoted or disabled: the buttons say why instead of failing on click.
  const owner = page.locator(`tr[data-user="${E2E_ENV.STAFF_USERNAME}"]`);
  await expect(owner.getByTestId("staff-toggle-role")).toBeDisabled();
  await expect(owner.getByTestId("staff-toggle-disabled")).toBeDisabled();
  await expect(owner.getByTestId("staff-last-owner")).toContainText("last active owner");

  await page.getByRole("link", { name: "Audit log" }).click();
  const added = page.locator('tr[data-action="staff.add"]').filter({ hasText: VIEWER.name });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText(E2E_ENV.STAFF_USERNAME);
  await shoot(page, "audit-en");
  await chooseLanguage(context, "zh-CN");
  await page.reload();
  await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
  await expect(page.locator('tr[data-action="staff.add"]').first()).toContainText("添加账号");
  await shoot(page, "audit-zh");
  await page.goto("/admin/staff");
  await shoot(page, "staff-zh");
  expect(console.errors).toEqual([]);
});

test("call detail: fields, wrapped bodies with copy, and a dry-run re-run", async ({ page, context, request }) => {
  const console = watchConsole(page);
  const order = await buyInstance(request, { sku: "mock-sku-basic-monthly", testFlag: "1", orderPrefix: "CSOPS" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await chooseLanguage(context, "en");
  await signInAsStaff(page);

  // newInstance: logged in full, but 查询订单 is on here, so it cannot be re-run without a network call.
  const newId = await newestCallId(page, "newInstance");
  await page.goto(`/admin/calls/${newId}`);
  await expect(page.getByTestId("call-fields")).toContainText("newInstance");
  await expect(page.getByTestId("call-result")).toHaveText("000000");
  await expect(page.getByTestId("call-fields")).toContainText("success.");
  await expect(page.getByTestId("call-instance-link")).toHaveAttribute("href", /\/admin\/instances\//);
  await expect(page.getByTestId("call-request")).toContainText(order.orderId);
  await page.getByTestId("call-request-copy").click();
  await expect(page.getByTestId("call-request-copy")).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(order.orderId);
  await expect(page.getByTestId("rerun-refused")).toContainText("查询订单");
  await shoot(page, "call-en");

  // A status change re-runs: the answer is shown (a dry run, nothing kept).
  await sendBaseCall(request, { activity: "updateInstanceStatus", instanceId: order.instanceId, status: "FREEZE", testFlag: "1" });
  const anyId = await newestCallId(page, "updateInstanceStatus");
  await page.goto(`/admin/calls/${anyId}`);
  await page.getByTestId("rerun-button").click();
  await expect(page.getByTestId("rerun-answer")).toContainText('"resultCode"');
  await expect(page.getByTestId("rerun-answer")).toContainText("dry run");
  await chooseLanguage(context, "zh-CN");
  await page.reload();
  await expect(page.getByTestId("rerun-panel")).toContainText("签名和防重放");
  await shoot(page, "call-zh");

  await page.goto("/admin/calls/00000000-0000-4000-8000-000000000000");
  await expect(page.getByText(/not found|404|未找到/i).first()).toBeVisible();
  expect(console.errors.filter((e) => !/404/.test(e))).toEqual([]);
});

test("a viewer sees actions disabled and the server refuses them", async ({ page, context }) => {
  const console = watchConsole(page, [/status of 403/]);
  await chooseLanguage(context, "en");
  await signInAs(page, VIEWER.name, VIEWER.password);
  await expect(page.getByTestId("staff-role")).toHaveText("viewer");
  await expect(page.getByTestId("viewer-notice")).toBeVisible();
  await page.goto("/admin/staff");
  await expect(page.getByTestId("staff-add-submit")).toBeDisabled();
  for (const b of await page.getByTestId("staff-toggle-disabled").all()) await expect(b).toBeDisabled();
  const callId = await newestCallId(page, "updateInstanceStatus");
  await page.goto(`/admin/calls/${callId}`);
  await expect(page.getByTestId("rerun-button")).toBeDisabled();
  await expect(page.getByTestId("rerun-panel")).toContainText("Only an owner can do this.");
  // The server refuses a viewer's mutation even without the page.
  const res = await page.request.post("/api/trpc/callLog.rerun", { data: { json: { id: callId } } });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("OWNER_ONLY");
  expect(console.errors).toEqual([]);
});

test("sign out everywhere: the viewer ends their other sessions, then the owner ends all of the viewer's", async ({ browser }) => {
  const contexts = await Promise.all([1, 2, 3].map(() => browser.newContext()));
  for (const c of contexts) await chooseLanguage(c, "en");
  const [here, elsewhere, owner] = await Promise.all(contexts.map((c) => c.newPage()));
  const console = watchConsole(here!);
  await signInAs(here!, VIEWER.name, VIEWER.password);
  await signInAs(elsewhere!, VIEWER.name, VIEWER.password);

  await here!.goto("/admin/staff");
  const ownRow = here!.locator(`tr[data-user="${VIEWER.name}"]`);
  // A viewer may end their own other sessions, never another account's.
  await expect(here!.locator(`tr[data-user="${E2E_ENV.STAFF_USERNAME}"]`).getByTestId("staff-end-sessions")).toBeDisabled();
  await ownRow.getByTestId("staff-end-sessions").click();
  await expect(ownRow.getByTestId("staff-end-sessions-done")).toHaveText(/^[1-9]\d* session\(s\) signed out\.$/);
  await expect(ownRow.getByTestId("staff-open-sessions")).toHaveAttribute("data-count", "1");
  await elsewhere!.goto("/admin/staff");
  await expect(elsewhere!).toHaveURL(/\/admin\/login/);
  await here!.reload();
  await expect(here!.getByTestId("staff-table")).toBeVisible();

  // The owner signs the viewer out everywhere: the viewer's remaining session ends too.
  await signInAs(owner!, E2E_ENV.STAFF_USERNAME, E2E_ENV.STAFF_PASSWORD);
  await owner!.goto("/admin/staff");
  const viewerRow = owner!.locator(`tr[data-user="${VIEWER.name}"]`);
  await viewerRow.getByTestId("staff-end-sessions").click();
  await expect(viewerRow.getByTestId("staff-end-sessions-done")).toHaveText("1 session(s) signed out.");
  await expect(viewerRow.getByTestId("staff-open-sessions")).toHaveAttribute("data-count", "0");
  await here!.goto("/admin/staff");
  await expect(here!).toHaveURL(/\/admin\/login/);
  await owner!.goto("/admin/audit");
  await expect(owner!.locator('tr[data-action="staff.sessionsEnded"]').filter({ hasText: VIEWER.name })).toHaveCount(2);
  expect(console.errors).toEqual([]);
  for (const c of contexts) await c.close();
});
