/**
 * The data export card, the demo's second metered feature (docs/extending.md), end to end: a
 * tenant on mock-sku-pro-yearly (plan pro: 1,000 exports a month) signs in, creates a project,
 * exports — the CSV is downloaded with the project in it, the card lists the export and the
 * server's account shows one export used — then the card in Chinese and on a phone. A tenant on
 * basic (no data export) sees the button off with the reason.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { seedCustomerTenant, type E2ETenant } from "./helpers/customer";
import { expectFitsPhoneAndDesktop, signInToApp, watchConsole } from "./helpers/customer-page";
import { E2E_BASE_URL } from "./helpers/env";

test.describe.configure({ mode: "serial" });
test.use({ locale: "en-US", timezoneId: "Asia/Shanghai" });

let pro: E2ETenant;
let basic: E2ETenant;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  pro = await seedCustomerTenant(request, "导出企业 Export Org", [{ userName: "erin", name: "Erin 鄂", role: "admin", enable: "true" }], { sku: "mock-sku-pro-yearly" });
  basic = await seedCustomerTenant(request, "基础企业 Basic Export Org", [{ userName: "bert", name: "Bert 白", role: "admin", enable: "true" }], { sku: "mock-sku-basic-monthly" });
  await request.dispose();
});

const card = (page: Page) => page.getByTestId("exports");

/** exports used this month, as the server counts them (tenant.usage, the page's own endpoint). */
async function exportsLeft(page: Page): Promise<number | null> {
  const res = await page.request.get("/api/trpc/tenant.usage");
  const body = (await res.json()) as { result: { data: { json: { meters: Array<{ meter: string; remaining: number | null }> } } } };
  return body.result.data.json.meters.find((m) => m.meter === "exports")?.remaining ?? null;
}

test("export the projects as CSV: downloaded, listed, counted once; in Chinese and on a phone", async ({ page }) => {
  test.setTimeout(180_000);
  const browserLog = watchConsole(page);
  await signInToApp(page, pro, "erin");
  await expect(card(page)).toBeVisible();
  await expect(card(page).getByTestId("exports-empty")).toBeVisible();
  await expect(card(page).getByTestId("exports-left")).toHaveText("1,000 exports left this month");

  await page.getByTestId("project-name").fill("Export me, \"quoted\"");
  await page.getByTestId("project-create").click();
  await expect(page.getByTestId("project-item")).toHaveCount(1);

  const download = page.waitForEvent("download");
  await card(page).getByTestId("export-create").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("projects.csv");
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("name,createdBy,createdAt");
  expect(csv).toContain('"Export me, ""quoted""",erin,');
  await expect(card(page).getByTestId("export-done")).toHaveText("Export done (rows: 1). The download has started.");
  await expect(card(page).getByTestId("export-item")).toHaveCount(1);
  await expect(card(page).getByTestId("export-item")).toContainText("Rows: 1 · by erin");
  await expect(card(page).getByTestId("exports-left")).toHaveAttribute("data-remaining", "999");
  expect(await exportsLeft(page)).toBe(999);

  await page.getByTestId("lang-switch").locator('button[data-locale="zh-CN"]').click();
  await expect(card(page).getByRole("heading", { name: "数据导出" })).toBeVisible();
  await expect(card(page).getByTestId("export-create")).toHaveText("导出项目（CSV）");
  await expect(card(page).getByTestId("exports-left")).toHaveText("本月还可导出 999 次");
  await expectFitsPhoneAndDesktop(page);
  expect(browserLog.errors).toEqual([]);
});

test("a plan without data export: the button is off and says why", async ({ page }) => {
  await signInToApp(page, basic, "bert");
  await expect(card(page).getByTestId("export-create")).toBeDisabled();
  await expect(card(page).getByTestId("export-blocked")).toHaveText(
    "Your plan does not include data export. Upgrade on KooGallery to export your projects.",
  );
  // The server refuses on its own.
  const res = await page.request.post("/api/trpc/dataExport.create", { data: { json: { requestId: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d" } } });
  expect(res.status()).toBe(403);
});
