/**
 * The staff lists at their edges: hostile query values (NUL, a lone surrogate, a search cut in
 * the middle of an emoji, days in year 0000/0001) fall back to the default view on every list
 * page and every CSV export (README "Staff console lists"); a page past the last one says so and
 * links back to page 1, in both languages; a queryInstance call over several instances links each
 * of them and is found by the call log's instance filter.
 */
import { expect, test, type Page } from "@playwright/test";
import { signedBaseRequest, signedKitRequest } from "~/koogallery/client";
import { formatKitTimestamp } from "~/koogallery/time";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";
import { buyInstance, sendBaseCall, uniqueStamp } from "./helpers/marketplace";
import { signInAsStaff } from "./helpers/staff";

test.describe.configure({ mode: "serial" });

const stamp = uniqueStamp();
const PREFIX = `EDGE${stamp}`.slice(0, 20);
const instanceIds: string[] = [];

async function setLocale(page: Page, locale: "en" | "zh-CN") {
  await page.context().addCookies([{ name: "lang", value: locale, url: E2E_BASE_URL }]);
}

/** Already percent-encoded: a lone surrogate has no UTF-8 form, so it arrives as its CESU bytes. */
const HOSTILE: Record<string, string> = {
  nul: "a%00b",
  loneSurrogate: "%ED%A0%80x",
  cutEmoji: `${"x".repeat(99)}${encodeURIComponent("😀")}`,
  year0000: "0000-01-01",
  year0001: "0001-01-01",
};

/** Each list page and the query parameters it reads (text filters and the window). */
const PAGES: Record<string, string[]> = {
  "/admin/calls": ["q", "from", "to", "activity", "instanceId", "requestId", "resultCode"],
  "/admin/instances": ["q", "from", "to", "status", "page"],
  "/admin/tenants": ["q", "from", "to", "page"],
  "/admin/licenses": ["q", "from", "to", "status", "page"],
  "/admin/usage": ["q", "from", "to", "instance", "status"],
  "/admin/usage?tab=dead": ["q", "from", "to", "instance", "reason"],
  "/admin/usage?tab=ledger": ["q", "from", "to", "instance", "account"],
  "/admin/audit": ["actor", "action", "cursor"],
};
const EXPORTS = ["calls", "instances", "tenants", "licenses", "usage", "dead-letters", "ledger"];

test("rows to list: instances, a tenant, a License code, a queryInstance call over two instances", async ({ request }) => {
  for (let i = 0; i < 2; i++) {
    const order = await buyInstance(request, { sku: "mock-sku-basic-monthly", testFlag: "1", orderPrefix: PREFIX });
    instanceIds.push(order.answer.instanceId!);
  }
  const tenant = signedKitRequest({
    baseUrl: `${E2E_BASE_URL}/api/marketplace`,
    path: "/produceAPI/v2/tenantSync",
    accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY,
    body: { instanceId: "", orderId: "", tenantId: `edge-${stamp}`, tenantCode: "edge", name: "Edge 企业", domainName: "https://edge.example", flag: 1, testFlag: 0, timeStamp: formatKitTimestamp(new Date()) },
  });
  expect((await (await request.post(tenant.url, { headers: tenant.headers, data: tenant.body })).json()).resultCode).toBe("000000");
  const license = signedBaseRequest({
    baseUrl: `${E2E_BASE_URL}/api/marketplace`,
    accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY,
    body: { activity: "releaseLicenseCode", license: `E2E-EDGE-${stamp}`, testFlag: "1" },
  });
  expect((await (await request.post(license.url, { headers: license.headers, data: license.body })).json()).resultCode).toBe("000000");
  const answer = await sendBaseCall(request, { activity: "queryInstance", instanceId: instanceIds.join(","), testFlag: "1" });
  expect(answer.resultCode).toBe("000000");
});

for (const [path, params] of Object.entries(PAGES)) {
  test(`${path}: hostile query values fall back to the list, never an error page`, async ({ page }) => {
    await signInAsStaff(page);
    for (const param of params) {
      for (const [label, value] of Object.entries(HOSTILE)) {
        const url = `${path}${path.includes("?") ? "&" : "?"}${param}=${value}`;
        const res = await page.request.get(url);
        expect(res.status(), `${url} (${label})`).toBe(200);
        expect(await res.text(), `${url} (${label})`).toContain('data-testid="');
      }
    }
  });
}

test("CSV exports: hostile query values fall back to the unfiltered export", async ({ page }) => {
  await signInAsStaff(page);
  for (const list of EXPORTS) {
    for (const param of ["q", "from", "to", "instance", "instanceId", "activity", "account"]) {
      for (const [label, value] of Object.entries(HOSTILE)) {
        const res = await page.request.get(`/admin/export/${list}?${param}=${value}`);
        expect(res.status(), `${list} ?${param}= ${label}`).toBe(200);
        expect(res.headers()["content-type"]).toContain("text/csv");
      }
    }
  }
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`${locale}: a page past the last says so and links to page 1`, async ({ page }) => {
    await signInAsStaff(page);
    await setLocale(page, locale);
    const lists = [
      { path: "/admin/instances", empty: "no-instances", row: "instance-row" },
      { path: "/admin/tenants", empty: "no-tenants", row: "tenant-row" },
      { path: "/admin/licenses", empty: "no-licenses", row: "license-row" },
    ];
    for (const list of lists) {
      await page.goto(`${list.path}?page=999`);
      const empty = page.getByTestId(list.empty);
      await expect(empty.getByTestId("past-last-page")).toContainText(locale === "en" ? "There are no rows on page 999" : "第 999 页没有记录");
      await expect(empty).not.toContainText(/yet|暂无|尚未/);
      await empty.getByTestId("to-first-page").click();
      await expect(page).toHaveURL(new RegExp(`${list.path}$`));
      await expect(page.locator(`[data-testid="${list.row}"]`).first()).toBeVisible();
    }
    // The filters survive the link back.
    await page.goto(`/admin/instances?q=${PREFIX}&page=5`);
    await expect(page.getByTestId("to-first-page")).toHaveAttribute("href", `/admin/instances?q=${PREFIX}`);
  });
}

test("a queryInstance call over two instances links each one and is found by either", async ({ page }) => {
  await signInAsStaff(page);
  for (const id of instanceIds) {
    await page.goto(`/admin/calls?activity=queryInstance&instanceId=${encodeURIComponent(id)}`);
    const row = page.getByTestId("call-row").first();
    await expect(row).toBeVisible();
    const links = row.getByTestId("call-subject");
    await expect(links).toHaveCount(2);
    for (const [n, each] of instanceIds.entries()) {
      await expect(links.nth(n)).toHaveText(each);
      await expect(links.nth(n)).toHaveAttribute("href", `/admin/instances/${encodeURIComponent(each)}`);
    }
  }
  // The link opens the instance (not a 404 of the joined ids), whose latest calls include it.
  await page.getByTestId("call-row").first().getByTestId("call-subject").first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/instances/${instanceIds[0]}$`));
  await expect(page.getByTestId("instance-calls")).toContainText("queryInstance");
  // The call's own page links each instance too.
  await page.goto(`/admin/calls?activity=queryInstance&instanceId=${encodeURIComponent(instanceIds[1]!)}`);
  await page.getByTestId("call-row").first().getByTestId("call-link").click();
  await expect(page.getByTestId("call-instance-link")).toHaveCount(2);
});
