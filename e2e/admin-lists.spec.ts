/**
 * The staff console's lists as staff use them (issue 12): in English and Chinese, at 390 px
 * (a phone) an opened call's JSON wraps — the nav sits behind a Menu that works, no console
 * errors (every page closed: e2e/screens.spec.ts); search,
 * pagination and the CSV export work; cells link instances, tenants and calls; copy buttons say
 * "Copied"; the export refuses a visitor without a staff session.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "./helpers/env";
import { buyInstance, uniqueStamp } from "./helpers/marketplace";
import { signInAsStaff } from "./helpers/staff";

test.describe.configure({ mode: "serial" });
test.use({ timezoneId: "Asia/Shanghai" });

const PREFIX = `LISTS${uniqueStamp()}`.slice(0, 20);
const instanceIds: string[] = [];

async function setLocale(page: Page, locale: "en" | "zh-CN") {
  await page.context().addCookies([{ name: "lang", value: locale, url: E2E_BASE_URL }]);
}

/** Fails on a console error or an uncaught page error while `run` goes on. */
async function withoutConsoleErrors(page: Page, run: () => Promise<void>) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await run();
  expect(errors).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll, `${where}: page is ${scroll}px wide in a ${viewport}px window`).toBeLessThanOrEqual(viewport);
}

test("three instances to list", async ({ request }) => {
  for (let i = 0; i < 3; i++) {
    const order = await buyInstance(request, { sku: "mock-sku-basic-monthly", testFlag: "1", orderPrefix: PREFIX });
    instanceIds.push(order.answer.instanceId!);
  }
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`${locale} at 390 px: an opened call fits, the menu works, no console errors`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAsStaff(page);
    await setLocale(page, locale);
    await withoutConsoleErrors(page, async () => {
      // Each page closed fits too: e2e/screens.spec.ts, for every staff page.
      // An opened call with its JSON still fits: the body wraps inside its cell.
      await page.goto(`/admin/calls?q=${PREFIX}`);
      const row = page.getByTestId("call-row").first();
      await row.locator("summary").click();
      await expect(row.locator("pre").first()).toBeVisible();
      await expectNoSidewaysScroll(page, `${locale} opened call`);

      // The nav is behind the menu on a phone.
      const menu = page.getByTestId("nav-menu");
      await menu.locator("summary").click();
      await menu.getByRole("link", { name: locale === "en" ? "Instances" : "实例", exact: true }).click();
      await expect(page).toHaveURL(/\/admin\/instances$/);
    });
  });
}

test("zh-CN wording: translated headings, an empty search says nothing matched", async ({ page }) => {
  await signInAsStaff(page);
  await setLocale(page, "zh-CN");
  await page.goto("/admin/tenants?q=no-such-tenant-anywhere");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("租户（联营）");
  await expect(page.getByTestId("no-tenants")).toHaveText("没有符合筛选条件的租户。");
  await page.goto("/admin/calls");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("云商店调用日志");
  await setLocale(page, "en");
  await page.goto("/admin/tenants?q=no-such-tenant-anywhere");
  await expect(page.getByTestId("no-tenants")).toHaveText("No tenants match these filters.");
});

test("search, pagination and links: instances → calls → instance", async ({ page }) => {
  await signInAsStaff(page);
  await page.goto("/admin/instances");
  await page.getByTestId("list-search").fill(PREFIX);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${PREFIX}`));
  await expect(page.getByTestId("instance-row")).toHaveCount(3);
  await expect(page.getByTestId("pager-status")).toHaveText("Page 1 of 1 · total 3");

  // Two rows a page: page 2 holds the oldest, and the filter survives the pager.
  await page.goto(`/admin/instances?q=${PREFIX}&size=2`);
  await expect(page.getByTestId("instance-row")).toHaveCount(2);
  await page.getByTestId("pager-next").click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByTestId("instance-row")).toHaveCount(1);
  await expect(page.getByTestId("instance-row")).toHaveAttribute("data-instance-id", instanceIds[0]!);

  // Call log: search by order prefix, cursor pages of two.
  await page.goto(`/admin/calls?q=${PREFIX}&size=2`);
  await expect(page.getByTestId("call-row")).toHaveCount(2);
  await page.getByTestId("pager-next").click();
  await expect(page.getByTestId("call-row")).toHaveCount(1);

  // A call's subject links to its instance, which lists the call and links back to it.
  const subject = page.getByTestId("call-row").first().getByTestId("call-subject");
  const id = (await subject.textContent())!;
  await subject.click();
  await expect(page).toHaveURL(new RegExp(`/admin/instances/${id}$`));
  await expect(page.getByTestId("instance-calls")).toContainText("newInstance");
  await expect(page.getByTestId("instance-calls").getByRole("link").first()).toHaveAttribute("href", /^\/admin\/calls\/[0-9a-f-]{36}$/);

  // A date range that ends before today shows none of them.
  await page.goto(`/admin/instances?q=${PREFIX}&to=2020-01-01`);
  await expect(page.getByTestId("no-instances")).toBeVisible();
});

test("times carry their zone (the browser's)", async ({ page }) => {
  await signInAsStaff(page);
  await page.goto(`/admin/instances?q=${PREFIX}`);
  await expect(page.getByTestId("instance-row").first().locator("time").last()).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\+8$/);
});

test("CSV export of the filtered list; refused without a staff session", async ({ page, playwright }) => {
  await signInAsStaff(page);
  await page.goto(`/admin/instances?q=${PREFIX}`);
  const href = await page.getByTestId("export-csv").getAttribute("href");
  expect(href).toBe(`/admin/export/instances?q=${PREFIX}`);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["x-export-truncated"]).toBe("false");
  const lines = (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^id,status,tenants,plan,orderId/);
  expect(lines).toHaveLength(4);
  for (const id of instanceIds) expect(lines.some((l) => l.startsWith(`${id},`))).toBe(true);

  const calls = await page.request.get(`/admin/export/calls?q=${PREFIX}`);
  expect((await calls.text()).trimEnd().split("\r\n")).toHaveLength(4);
  expect((await page.request.get("/admin/export/nothing")).status()).toBe(404);

  const stranger = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const refused = await stranger.get(`/admin/export/instances?q=${PREFIX}`, { maxRedirects: 0 });
  expect([303, 307, 308]).toContain(refused.status());
  expect(refused.headers()["location"]).toMatch(/\/admin\/login/);
  await stranger.dispose();
});

test("copy buttons copy the production address and say so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_BASE_URL });
  await signInAsStaff(page);
  const button = page.getByTestId("copy-production-address");
  await button.click();
  await expect(button).toHaveText("✓ Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${E2E_BASE_URL}/api/marketplace`);
});
