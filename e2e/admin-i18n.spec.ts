/**
 * The staff console speaks Chinese everywhere (issue 12): signed in as staff with the console in
 * zh-CN, every page — overview, call log and a call's detail, instances and one instance, tenants
 * and one tenant, usage (its three tabs and an account's balances), licenses, audit log, staff
 * accounts, sign-ins, the 404 and the sign-in page — shows no run of three or more English words
 * in its text, placeholders, labels or titles.
 *
 * Single words slip through that rule, so zh pages are also held to: a tab title and nav entries
 * in Chinese (not "KooGallery SaaS Starter", not "License"), no table cell or header that is one
 * English word outside monospace (a raw value such as "create" or "base", a header such as
 * "Activity"), and no "∅ →" or "（无 activity）". The public start page is checked too.
 *
 * Not judged: <pre>/<code> (JSON bodies, commands), elements marked `data-i18n-exempt` (what the
 * marketplace or a browser sent, as received: resultMsg, a user agent), and the words of ALLOWED
 * (product and protocol names). A "word" is a run of letters in lower or capitalised case
 * ("the", "Sign-ins", "seller's"); ids, result codes, environment variables (ALL_CAPS) and
 * activities (camelCase) are not words, and a number breaks a run.
 */
import { expect, test, type Page } from "@playwright/test";
import { seedCustomerTenant } from "./helpers/customer";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";

test.describe.configure({ mode: "serial" });

/** Product and protocol names that stay English in the Chinese console. */
const ALLOWED = ["KooGallery", "OneAccess", "SaaS", "Kit", "License", "Open", "API", "Starter", "Mozilla"];

interface Offence {
  where: string;
  text: string;
  run: string;
}

/** Every English run of 3+ words on the page (text nodes, placeholders, aria-labels, titles, the document title). */
async function englishRuns(page: Page, allowed: string[]): Promise<Offence[]> {
  return page.evaluate((allowedWords) => {
    const allow = new Set(allowedWords);
    const isWord = (token: string) => {
      const w = token.replace(/^[("'“‘«[]+|[)"'”’»\],.;:!?…]+$/g, "");
      return /^[A-Za-z][a-z]*(['’-][A-Za-z]?[a-z]+)*$/.test(w) && !allow.has(w);
    };
    const runsOf = (text: string): string[] => {
      const out: string[] = [];
      let run: string[] = [];
      for (const token of text.split(/\s+/).filter(Boolean).concat([""])) {
        if (token && isWord(token)) run.push(token);
        else {
          if (run.length >= 3) out.push(run.join(" "));
          run = [];
        }
      }
      return out;
    };
    const exempt = (el: Element | null) => !!el?.closest("pre, code, script, style, noscript, template, [data-i18n-exempt]");
    const describe = (el: Element) => {
      const id = el.getAttribute("data-testid");
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""}`;
    };
    const found: { where: string; text: string; run: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || exempt(el)) continue;
      const text = n.textContent ?? "";
      for (const run of runsOf(text)) found.push({ where: describe(el), text: text.trim().slice(0, 160), run });
    }
    for (const el of Array.from(document.body.querySelectorAll("[placeholder], [aria-label], [title]"))) {
      if (exempt(el)) continue;
      for (const attr of ["placeholder", "aria-label", "title"]) {
        const text = el.getAttribute(attr);
        if (text) for (const run of runsOf(text)) found.push({ where: `${describe(el)} @${attr}`, text, run });
      }
    }
    for (const run of runsOf(document.title)) found.push({ where: "document.title", text: document.title, run });
    return found;
  }, allowed);
}

/** What the run detector cannot see: single English words where a zh page must have Chinese. */
async function singleWordLeftovers(page: Page, allowed: string[]): Promise<string[]> {
  return page.evaluate((allowedWords) => {
    const allow = new Set(allowedWords);
    const cjk = /[\u4e00-\u9fff]/;
    const isWord = (w: string) => /^[A-Za-z][a-z]*(['’-][A-Za-z]?[a-z]+)*$/.test(w) && !allow.has(w);
    const found: string[] = [];
    if (!cjk.test(document.title) || /Starter/.test(document.title)) found.push(`document.title "${document.title}"`);
    for (const a of Array.from(document.querySelectorAll("header nav a"))) {
      const text = (a.textContent ?? "").trim();
      if (!cjk.test(text)) found.push(`nav entry "${text}"`);
    }
    for (const cell of Array.from(document.querySelectorAll("main td, main th"))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? "").trim();
        const el = n.parentElement!;
        if (el.closest("pre, code, [data-i18n-exempt]")) continue;
        if (isWord(text) && !/mono/.test(getComputedStyle(el).fontFamily)) found.push(`${cell.tagName.toLowerCase()} "${text}"`);
      }
    }
    const body = document.body.innerText;
    for (const leftover of ["∅", "无 activity"]) if (body.includes(leftover)) found.push(`"${leftover}"`);
    return found;
  }, allowed);
}

async function expectChineseOnly(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("main").first()).toBeVisible();
  // Client components (copy buttons, re-run, forms) have rendered their text.
  await page.waitForLoadState("networkidle");
  expect(await englishRuns(page, ALLOWED), `${path}: English text in the zh-CN console`).toEqual([]);
  expect(await singleWordLeftovers(page, ALLOWED), `${path}: English words in the zh-CN console`).toEqual([]);
}

async function useChinese(page: Page): Promise<void> {
  await page.context().addCookies([{ name: "lang", value: "zh-CN", url: E2E_BASE_URL }]);
}

/** The detector itself: it finds what it must and lets through what it may. */
test("the English detector: catches sentences, allows ids, codes, variables and names", async ({ page }) => {
  await page.setContent(`<body><main>
    <p id="a">实例 MKT.0151 USAGE_PUSH_ENABLED newInstance 000001 KooGallery OneAccess Open API AK 配置</p>
    <p id="b">Nothing matches these filters.</p>
    <input placeholder="billed or package instance id">
    <pre>{"resultMsg": "this is a JSON body"}</pre>
    <span data-i18n-exempt="test">as the marketplace sent it</span>
    <p>第 1 / 2 页 · 3 min · 12 h</p>
  </main></body>`);
  const runs = (await englishRuns(page, ALLOWED)).map((o) => o.run);
  expect(runs).toEqual(["Nothing matches these filters.", "billed or package instance id"]);
});

let tenant: Awaited<ReturnType<typeof seedCustomerTenant>>;

test("seed: a 联营 tenant with its instance and Kit calls, and a failed staff sign-in", async ({ request, page }) => {
  tenant = await seedCustomerTenant(request, "多语言检查企业", [{ userName: "lin", name: "林", role: "admin", enable: "true" }]);
  // A wrong password, so the sign-in record has a refused row.
  await useChinese(page);
  await page.goto("/admin/login");
  await page.locator('input[name="username"]').fill(E2E_ENV.STAFF_USERNAME);
  await page.locator('input[name="password"]').fill("not the password");
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
});

test("zh-CN: the start page, the sign-in page and every console page are in Chinese", async ({ page }) => {
  await useChinese(page);
  await expectChineseOnly(page, "/");
  await expect(page.getByTestId("lang-switch")).toBeVisible();
  await expectChineseOnly(page, "/admin/login");
  await expect(page.getByTestId("lang-switch")).toBeVisible();
  await page.locator('input[name="username"]').fill(E2E_ENV.STAFF_USERNAME);
  await page.locator('input[name="password"]').fill(E2E_ENV.STAFF_PASSWORD);
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin$/);

  // The newest call of the tenant's instance: its newInstance (with 查询订单 on, re-running it is refused with the reason).
  const input = encodeURIComponent(JSON.stringify({ json: { activity: "newInstance", limit: 1 } }));
  const res = await page.request.get(`/api/trpc/callLog.list?input=${input}`);
  expect(res.status()).toBe(200);
  const callId = ((await res.json()) as { result: { data: { json: { items: { id: string }[] } } } }).result.data.json.items[0]!.id;

  const pages = [
    "/admin",
    "/admin/calls",
    `/admin/calls/${callId}`,
    "/admin/instances",
    `/admin/instances/${tenant.instanceId}`,
    "/admin/tenants",
    `/admin/tenants/${tenant.tenantId}`,
    "/admin/usage",
    "/admin/usage?tab=dead",
    "/admin/usage?tab=ledger",
    `/admin/usage?tab=ledger&account=${encodeURIComponent(`instance:${tenant.instanceId}`)}`,
    "/admin/licenses",
    "/admin/audit",
    "/admin/staff",
    "/admin/sign-ins",
    "/admin/no-such-page",
  ];
  for (const path of pages) await expectChineseOnly(page, path);
  await page.goto(`/admin/calls/${callId}`);
  await expect(page.getByTestId("rerun-refused")).toContainText("查询订单");
});

test("the guard sees the pages: the same console in English is full of English runs", async ({ page }) => {
  await page.context().addCookies([{ name: "lang", value: "en", url: E2E_BASE_URL }]);
  await page.goto("/admin/login");
  await page.locator('input[name="username"]').fill(E2E_ENV.STAFF_USERNAME);
  await page.locator('input[name="password"]').fill(E2E_ENV.STAFF_PASSWORD);
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin$/);
  for (const path of ["/admin", "/admin/staff", "/admin/sign-ins"]) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
    expect((await englishRuns(page, ALLOWED)).length, path).toBeGreaterThan(3);
  }
});

test("zh-CN: a viewer changes their own password; this session stays, their other one ends", async ({ page, browser }) => {
  const viewer = { name: `i18n-viewer-${Date.now().toString(36)}`, password: "viewer first password", next: "viewer second password" };
  const signIn = async (p: Page, password: string) => {
    await p.context().addCookies([{ name: "lang", value: "zh-CN", url: E2E_BASE_URL }]);
    await p.goto("/admin/login");
    await p.locator('input[name="username"]').fill(viewer.name);
    await p.locator('input[name="password"]').fill(password);
    await p.locator('form:has(input[name="password"]) button[type="submit"]').click();
  };
  // The owner adds the viewer (zh-CN form).
  await useChinese(page);
  await page.goto("/admin/login");
  await page.locator('input[name="username"]').fill(E2E_ENV.STAFF_USERNAME);
  await page.locator('input[name="password"]').fill(E2E_ENV.STAFF_PASSWORD);
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/staff");
  const add = page.getByTestId("staff-add-form");
  await add.locator('input[name="userName"]').fill(viewer.name);
  await add.locator('input[name="password"]').fill(viewer.password);
  await page.getByTestId("staff-add-submit").click();
  await expect(page.getByTestId("staff-added")).toContainText(viewer.name);

  // The viewer, signed in twice (two browsers).
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, viewer.password);
  await expect(otherPage).toHaveURL(/\/admin$/);
  const mine = await browser.newContext();
  const me = await mine.newPage();
  await signIn(me, viewer.password);
  await expect(me).toHaveURL(/\/admin$/);
  await me.goto("/admin/staff");
  const form = me.getByTestId("staff-password-form");
  await form.locator('input[name="currentPassword"]').fill("not my password");
  await form.locator('input[name="newPassword"]').fill(viewer.next);
  await form.locator('input[name="repeatPassword"]').fill(viewer.next);
  await me.getByTestId("staff-password-submit").click();
  await expect(form.getByRole("alert")).toContainText("当前密码不正确");
  await form.locator('input[name="currentPassword"]').fill(viewer.password);
  await me.getByTestId("staff-password-submit").click();
  await expect(me.getByTestId("staff-password-changed")).toHaveText("密码已修改。您账号的其他 1 个会话已退出登录。");
  expect(await englishRuns(me, ALLOWED)).toEqual([]);

  // This session stays; the other one is signed out on its next request.
  await me.goto("/admin/staff");
  await expect(me).toHaveURL(/\/admin\/staff$/);
  await otherPage.goto("/admin/staff");
  await expect(otherPage).toHaveURL(/\/admin\/login/);
  // The new password signs in; the old one no longer does.
  await signIn(otherPage, viewer.password);
  await expect(otherPage.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  await signIn(otherPage, viewer.next);
  await expect(otherPage).toHaveURL(/\/admin$/);
  await other.close();
  await mine.close();
});
