/**
 * The staff console on a phone (390 px), in zh-CN and en: every table is readable — its cells
 * are never squeezed to a few characters a line and ids, codes and times never break mid-word
 * (the table scrolls sideways in its own box instead; globals.css `.data-table`) — and the menu
 * closes once a page is chosen from it.
 */
import { expect, test, type Page } from "@playwright/test";
import { seedCustomerTenant, type E2ETenant } from "./helpers/customer";
import { chooseLanguage, expectFitsViewport, PHONE } from "./helpers/customer-page";
import { signInAsStaff } from "./helpers/staff";

test.use({ viewport: PHONE, locale: "en-US", timezoneId: "Asia/Shanghai" });
test.describe.configure({ mode: "serial" });

const LANGS = ["zh-CN", "en"] as const;

interface Squeezed {
  table: string;
  text: string;
  problem: string;
}

/**
 * Every cell of every table on the page: one that wraps, with 4+ characters, is at least 3 em
 * wide (the bug: 1–3 characters a line); in one that does not, no word of 4+ characters (an id,
 * a code, a time) spreads over two lines.
 */
async function squeezedCells(page: Page): Promise<Squeezed[]> {
  return page.evaluate(() => {
    const found: { table: string; text: string; problem: string }[] = [];
    for (const table of Array.from(document.querySelectorAll("main table"))) {
      const name = table.getAttribute("data-testid") ?? table.closest("section")?.querySelector("h2")?.textContent ?? "table";
      for (const cell of Array.from(table.querySelectorAll("td, th"))) {
        const text = (cell.textContent ?? "").trim();
        if (text.length < 4 || (cell as HTMLTableCellElement).colSpan > 1) continue;
        const style = getComputedStyle(cell);
        const em = parseFloat(style.fontSize);
        const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        // A cell that wraps must leave room for a few characters a line.
        if (style.whiteSpace !== "nowrap") {
          if (inner < 3 * em) found.push({ table: name, text: text.slice(0, 40), problem: `${Math.round(inner)} px wide` });
          continue;
        }
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const value = n.textContent ?? "";
          for (const m of value.matchAll(/\S{4,}/g)) {
            const range = document.createRange();
            range.setStart(n, m.index);
            range.setEnd(n, m.index + m[0].length);
            const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
            if (tops.size > 1) found.push({ table: name, text: m[0].slice(0, 40), problem: `broken over ${tops.size} lines` });
          }
        }
      }
    }
    return found;
  });
}

let tenant: E2ETenant;

test("seed: a 联营 tenant with users, its instance and its calls", async ({ request }) => {
  tenant = await seedCustomerTenant(request, "手机表格检查企业", [
    { userName: "phone-admin", name: "手机管理员", role: "admin", enable: "true" },
    { userName: "phone-user", name: "手机用户", role: "user", enable: "true" },
  ]);
});

test("390 px, zh-CN and en: no table cell squeezed, no id broken mid-word, the page still fits", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsStaff(page);
  const pages = [
    "/admin/calls",
    "/admin/instances",
    `/admin/instances/${tenant.instanceId}`,
    "/admin/tenants",
    `/admin/tenants/${tenant.tenantId}`,
    "/admin/usage",
    "/admin/usage?tab=ledger",
    "/admin/licenses",
    "/admin/audit",
    "/admin/staff",
    "/admin/sign-ins",
  ];
  const problems: string[] = [];
  for (const lang of LANGS) {
    await chooseLanguage(page.context(), lang);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      expect(await page.locator("main table").count(), `${path}: a table`).toBeGreaterThan(0);
      for (const s of await squeezedCells(page)) problems.push(`${lang} ${path} [${s.table}] "${s.text}": ${s.problem}`);
      await expectFitsViewport(page);
    }
  }
  expect(problems).toEqual([]);
});

test("390 px, zh-CN and en: the menu closes when a page is chosen from it", async ({ page }) => {
  await signInAsStaff(page);
  for (const lang of LANGS) {
    await chooseLanguage(page.context(), lang);
    await page.goto("/admin");
    const menu = page.getByTestId("nav-menu");
    await menu.locator("summary").click();
    await expect(menu).toHaveAttribute("open", "");
    await menu.getByRole("link").nth(2).click();
    await expect(page).toHaveURL(/\/admin\/instances$/);
    await expect(page.locator("main h1").first()).toBeVisible();
    await expect(menu).not.toHaveAttribute("open", /.*/);
    await expect(menu.getByRole("link").first()).toBeHidden();
    // Again from there, and back with the browser.
    await menu.locator("summary").click();
    await menu.getByRole("link").nth(3).click();
    await expect(page).toHaveURL(/\/admin\/tenants$/);
    await expect(menu).not.toHaveAttribute("open", /.*/);
    await menu.locator("summary").click();
    await page.goBack();
    await expect(page).toHaveURL(/\/admin\/instances$/);
    await expect(menu).not.toHaveAttribute("open", /.*/);
  }
});
