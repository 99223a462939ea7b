/**
 * Every state of a purchase as the customer sees it on /app, in English and Chinese, on a phone
 * (390 px) and a desktop: a banner saying what happened with a renew / buy link to KooGallery,
 * the subscription badge naming the state (never a green "Active" for a stopped product), the
 * API console's Run button disabled with the reason — and nothing cut off, no console errors.
 *
 * Each state is reached the way it happens in production: orders registered in the open-API mock
 * and signed newInstance calls (trial, already expired), signed updateInstanceStatus /
 * releaseInstance calls, and a package spent through the same tRPC endpoint the console uses.
 * The server's own refusal is checked next to the disabled button.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { seedCustomerTenant, type E2ETenant, type E2EUser } from "./helpers/customer";
import { chooseLanguage, DESKTOP, expectFitsPhoneAndDesktop, PHONE, signInToApp, watchConsole } from "./helpers/customer-page";
import { E2E_BASE_URL } from "./helpers/env";
import { sendBaseCall } from "./helpers/marketplace";

// An English browser in New York: times must be shown in its zone, not UTC+8.
test.use({ locale: "en-US", timezoneId: "America/New_York", viewport: PHONE });

/** The default KOOGALLERY_PRODUCT_URL (the e2e server does not set it). */
const KOOGALLERY = "https://marketplace.huaweicloud.com/";

interface Expected {
  kind: string;
  /** Banner title and the Run button's reason, per language. */
  en: { title: RegExp; badge: string; reason: RegExp; action: string };
  zh: { title: RegExp; badge: string; reason: RegExp; action: string };
  /** data-code of the Run button's reason. */
  code: string;
  /** What the server answers to a call anyway (tRPC code of the appError). */
  serverCode: string;
  /** The banner says since when (expired, trial ended). */
  since?: boolean;
}

interface Case {
  name: string;
  /** The tenant's one user, who signs in. */
  userName: string;
  setUp: (request: APIRequestContext, users: E2EUser[]) => Promise<E2ETenant>;
  /** After signing in: what turns the state on (freeze, release, spending). */
  then?: (page: Page, tenant: E2ETenant) => Promise<void>;
  /** Calls to type into the console before looking at Run (default: the console's 1). */
  count?: number;
  expected: Expected;
}

const user = (name: string): E2EUser[] => [{ userName: name, name: `${name} 用户`, role: "admin", enable: "true" }];

/** tenant.callApi as the console sends it, with this page's session. */
async function callApi(page: Page, count: number): Promise<{ status: number; code?: string }> {
  const res = await page.request.post("/api/trpc/tenant.callApi", { data: { json: { count, requestId: randomUUID() } } });
  const body = (await res.json()) as { error?: { json: { data: { appError?: { code: string } } } } };
  return { status: res.status(), code: body.error?.json.data.appError?.code };
}

const CASES: Case[] = [
  {
    name: "used up: a 用完即停 package at 0",
    userName: "uma",
    setUp: (r, users) => seedCustomerTenant(r, "用完企业 Used-up Org", users, { sku: "mock-sku-stop-pack-1k" }),
    then: async (page) => expect(await callApi(page, 1000)).toEqual({ status: 200, code: undefined }),
    expected: {
      kind: "usedUp",
      en: { title: /Your API calls package is used up/, badge: "Used up", reason: /^Your package is used up; buy a new package on KooGallery to continue\.$/, action: "Buy a package on KooGallery" },
      zh: { title: /API 调用套餐包已用完/, badge: "已用完", reason: /^套餐包额度已用完，请前往云商店购买新的套餐包。$/, action: "前往云商店购买套餐包" },
      code: "PACKAGE_EXHAUSTED",
      serverCode: "PACKAGE_EXHAUSTED",
    },
  },
  {
    name: "running low: less than 10 % left",
    userName: "lou",
    setUp: (r, users) => seedCustomerTenant(r, "余量企业 Low Org", users, { sku: "mock-sku-stop-pack-1k" }),
    then: async (page) => expect(await callApi(page, 950)).toEqual({ status: 200, code: undefined }),
    // 50 are left: 50 may run, 51 may not.
    count: 51,
    expected: {
      kind: "runningLow",
      en: { title: /Your API calls balance is running low/, badge: "Running low", reason: /^Only 50 calls left: a larger request would be refused entirely\. Enter 50 or fewer\.$/, action: "Buy a package on KooGallery" },
      zh: { title: /API 调用余量不足/, badge: "余量不足", reason: /^仅剩 50 次：超出余额的请求会被整笔拒绝。/, action: "前往云商店购买套餐包" },
      code: "OVER_BALANCE",
      serverCode: "PACKAGE_EXHAUSTED",
    },
  },
  {
    name: "frozen by the marketplace",
    userName: "fay",
    setUp: (r, users) => seedCustomerTenant(r, "冻结企业 Frozen Org", users),
    then: async (page, t) => void (await sendBaseCall(page.request, { activity: "updateInstanceStatus", instanceId: t.instanceId, status: "FREEZE" })),
    expected: {
      kind: "frozen",
      en: { title: /Your subscription is frozen/, badge: "Frozen", reason: /^Your subscription is frozen; renew it on KooGallery to continue\.$/, action: "Renew on KooGallery" },
      zh: { title: /您的订购已冻结/, badge: "已冻结", reason: /^实例已冻结，请前往云商店续费后继续使用。$/, action: "前往云商店续费" },
      code: "INSTANCE_FROZEN",
      serverCode: "INSTANCE_FROZEN",
    },
  },
  {
    name: "expired",
    // An order whose period ended yesterday (and no freeze call yet).
    userName: "eve",
    setUp: (r, users) => seedCustomerTenant(r, "到期企业 Expired Org", users, { validDays: -1 }),
    expected: {
      kind: "expired",
      en: { title: /Your subscription has expired/, badge: "Expired", reason: /^Your subscription has expired; renew it on KooGallery\.$/, action: "Renew on KooGallery" },
      zh: { title: /您的订购已到期/, badge: "已到期", reason: /^订购已到期，请前往云商店续费。$/, action: "前往云商店续费" },
      code: "INSTANCE_EXPIRED",
      serverCode: "INSTANCE_EXPIRED",
      since: true,
    },
  },
  {
    name: "trial ended",
    userName: "tia",
    setUp: (r, users) => seedCustomerTenant(r, "试用结束企业 Trial-ended Org", users, { validDays: -1, orderType: "TRIAL" }),
    expected: {
      kind: "trialEnded",
      en: { title: /Your trial has ended/, badge: "Trial ended", reason: /^Your trial has ended; buy the product on KooGallery to continue\.$/, action: "Buy on KooGallery" },
      zh: { title: /试用已结束/, badge: "试用已结束", reason: /^试用已结束，请前往云商店购买正式版。$/, action: "前往云商店购买" },
      code: "TRIAL_EXPIRED",
      serverCode: "TRIAL_EXPIRED",
      since: true,
    },
  },
  {
    name: "released while signed in",
    userName: "rex",
    setUp: (r, users) => seedCustomerTenant(r, "释放企业 Released Org", users),
    then: async (page, t) => void (await sendBaseCall(page.request, { activity: "releaseInstance", instanceId: t.instanceId })),
    expected: {
      kind: "released",
      en: { title: /This subscription was released/, badge: "Released", reason: /^This subscription was released and can no longer be used\.$/, action: "Buy on KooGallery" },
      zh: { title: /该订购已释放/, badge: "已释放", reason: /^实例已释放，无法继续使用。$/, action: "前往云商店购买" },
      code: "INSTANCE_RELEASED",
      serverCode: "INSTANCE_RELEASED",
    },
  },
];

for (const c of CASES) {
  test(`${c.name}: banner, badge and disabled Run in both languages, phone and desktop`, async ({ page, playwright }) => {
    test.setTimeout(180_000);
    const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const tenant = await c.setUp(request, user(c.userName));
    await request.dispose();
    const browserLog = watchConsole(page);

    await signInToApp(page, tenant, c.userName);
    await c.then?.(page, tenant);
    await page.reload();

    for (const lang of ["en", "zh"] as const) {
      if (lang === "zh") {
        await chooseLanguage(page.context(), "zh-CN");
        await page.reload();
      }
      const e = c.expected[lang];
      const banner = page.locator(`[data-testid="notice"][data-kind="${c.expected.kind}"]`);
      await expect(banner).toBeVisible();
      await expect(banner).toContainText(e.title);
      const link = banner.getByTestId("notice-action");
      await expect(link).toHaveAttribute("href", KOOGALLERY);
      await expect(link).toContainText(e.action);
      if (c.expected.since) await expect(banner.locator("time")).toHaveAttribute("data-zone", "America/New_York");

      const badge = page.getByTestId("state-badge");
      await expect(badge).toHaveText(e.badge);
      await expect(page.getByTestId("instance-status")).toHaveAttribute("data-state", c.expected.kind);

      if (c.count !== undefined) {
        await page.getByTestId("api-count").fill(String(c.count - 1));
        await expect(page.getByTestId("api-run")).toBeEnabled();
        await page.getByTestId("api-count").fill(String(c.count));
      }
      await expect(page.getByTestId("api-run")).toBeDisabled();
      const reason = page.getByTestId("api-blocked");
      await expect(reason).toHaveAttribute("data-code", c.expected.code);
      await expect(reason).toHaveText(e.reason);
      // At zero there is nothing for "a larger request is refused" to explain.
      await expect(page.getByText(/A request larger than the remaining balance|请求次数超过剩余额度/)).toHaveCount(0);
      await expect(page.getByText(/Billed on demand|按需计费/)).toHaveCount(0);

      await expectFitsPhoneAndDesktop(page);
      await page.setViewportSize(PHONE);
    }

    // The disabled button is a courtesy: the server refuses on its own.
    const refused = await callApi(page, c.count ?? 1);
    expect(refused.code).toBe(c.expected.serverCode);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(browserLog.errors).toEqual([]);
  });
}

test("trial ending: a warning with the end date in the browser's zone; the product still works", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const tenant = await seedCustomerTenant(request, "试用企业 Trial Org", user("tom"), { validDays: 2, orderType: "TRIAL" });
  await request.dispose();
  const browserLog = watchConsole(page);
  await signInToApp(page, tenant, "tom");

  const banner = page.locator('[data-testid="notice"][data-kind="trialEnding"]');
  await expect(banner).toHaveAttribute("role", "status");
  await expect(banner).toContainText("Your trial ends soon");
  await expect(banner.getByTestId("notice-action")).toHaveText(/Buy on KooGallery/);
  const end = banner.locator("time");
  await expect(end).toHaveAttribute("data-zone", "America/New_York");
  await expect(end).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC-[45]$/);
  await expect(page.getByTestId("trial-ends")).toHaveText((await end.textContent())!);
  await expect(page.getByTestId("state-badge")).toHaveText("Trial ends soon");
  await expect(page.getByTestId("api-run")).toBeEnabled();
  await expect(page.getByTestId("api-blocked")).toHaveCount(0);
  await expectFitsPhoneAndDesktop(page);

  await chooseLanguage(page.context(), "zh-CN");
  await page.reload();
  await expect(banner).toContainText("试用即将结束");
  await expect(page.getByTestId("state-badge")).toHaveText("试用即将结束");
  await page.setViewportSize(PHONE);
  await expectFitsPhoneAndDesktop(page);
  expect(browserLog.errors).toEqual([]);
});

test("an active purchase: a calm green badge, no banner, times in the browser's zone", async ({ page, playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const tenant = await seedCustomerTenant(request, "正常企业 Active Org", user("ada"));
  await request.dispose();
  const browserLog = watchConsole(page);
  await page.setViewportSize(DESKTOP);
  await signInToApp(page, tenant, "ada");
  await expect(page.getByTestId("state-badge")).toHaveText("Active");
  await expect(page.getByTestId("notice")).toHaveCount(0);
  const expiry = page.getByTestId("instance-expiry");
  await expect(expiry).toHaveAttribute("data-zone", "America/New_York");
  await expect(expiry).toHaveText(/UTC-[45]$/);
  await expect(page.getByTestId("api-run")).toBeEnabled();
  expect(browserLog.errors).toEqual([]);
});
