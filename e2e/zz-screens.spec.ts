import { randomUUID } from "node:crypto";
import { test, type Page } from "@playwright/test";
import { seedCustomerTenant } from "./helpers/customer";
import { chooseLanguage, DESKTOP, PHONE, signInToApp } from "./helpers/customer-page";
import { E2E_BASE_URL } from "./helpers/env";
import { sendBaseCall } from "./helpers/marketplace";

test.use({ locale: "en-US", timezoneId: "America/New_York" });
const u = (n: string) => [{ userName: n, name: `${n} 用户`, role: "admin" as const, enable: "true" as const }];
async function shots(page: Page, name: string) {
  for (const lang of ["en", "zh-CN"] as const) {
    await chooseLanguage(page.context(), lang);
    for (const [vp, size] of [["phone", PHONE], ["desk", DESKTOP]] as const) {
      await page.setViewportSize(size);
      await page.reload();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `/tmp/shots/${name}-${lang}-${vp}.png`, fullPage: true });
      if (vp === "phone") {
        const h = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 0; y < h; y += 800, i++) {
          await page.screenshot({ path: `/tmp/shots/${name}-${lang}-${vp}-${i}.png`, fullPage: true, clip: { x: 0, y, width: 390, height: Math.min(800, h - y) } });
        }
      }
    }
  }
}
test("screens", async ({ page, playwright }) => {
  test.setTimeout(600_000);
  const r = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const used = await seedCustomerTenant(r, "用完企业 Used-up Org", u("uma"), { sku: "mock-sku-stop-pack-1k" });
  await signInToApp(page, used, "uma");
  await page.request.post("/api/trpc/tenant.callApi", { data: { json: { count: 1000, requestId: randomUUID() } } });
  await page.request.post("/api/trpc/project.create", { data: { json: { name: "A very long project name that goes on and on to see wrapping 很长的项目名称" } } });
  await shots(page, "usedup");
  await page.context().clearCookies();
  const fr = await seedCustomerTenant(r, "冻结企业 Frozen Org", u("fay"));
  await signInToApp(page, fr, "fay");
  await sendBaseCall(r, { activity: "updateInstanceStatus", instanceId: fr.instanceId, status: "FREEZE" });
  await shots(page, "frozen");
  await page.context().clearCookies();
  const tr = await seedCustomerTenant(r, "试用企业 Trial Org", u("tom"), { validDays: 2, orderType: "TRIAL" });
  await signInToApp(page, tr, "tom");
  await shots(page, "trial");
  await page.context().clearCookies();
  await page.goto("/app");
  await shots(page, "login-required");
});
