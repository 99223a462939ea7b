/**
 * Checks the customer-app specs share, as a user would notice them: signing in through the
 * emulator, the page fitting the screen (no horizontal scrolling, no element running past the
 * right edge), no errors in the browser console, and the language cookie the switch sets.
 */
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { LANG_COOKIE, type Locale } from "~/i18n/locales";
import { emulatorSignIn, type E2ETenant } from "./customer";
import { E2E_BASE_URL } from "./env";

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** Signs `userName` of the tenant in through /login/start and the OneAccess emulator; lands on /app. */
export async function signInToApp(page: Page, tenant: E2ETenant, userName: string): Promise<void> {
  await page.goto(`/login/start?tenant=${tenant.tenantCode}`);
  await emulatorSignIn(page, userName);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
}

/**
 * Collects console errors and uncaught exceptions of the page from now on. `expected`: errors a
 * spec causes on purpose (Chromium logs every 4xx answer, e.g. a refusal the server must give).
 */
export function watchConsole(page: Page, expected: RegExp[] = []): { errors: string[] } {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !expected.some((re) => re.test(m.text()))) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { errors };
}

/** The language the /lang switch would remember, set directly (as after a click on the switch). */
export async function chooseLanguage(context: BrowserContext, locale: Locale): Promise<void> {
  await context.addCookies([{ name: LANG_COOKIE, value: locale, url: E2E_BASE_URL }]);
}

/**
 * Nothing is cut off: the document is no wider than the window, and no visible element reaches
 * past its right edge (unless a scrolling or clipping container holds it on purpose).
 */
export async function expectFitsViewport(page: Page): Promise<void> {
  const result = await page.evaluate(() => {
    const width = window.innerWidth;
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 1 || clipped(el)) continue;
      const id = el.getAttribute("data-testid");
      offenders.push(`${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ""} right=${Math.round(r.right)} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 10) };
  });
  expect(result.offenders, `elements past the right edge of a ${result.width}px window`).toEqual([]);
  expect(result.scrollWidth, "horizontal scrolling").toBeLessThanOrEqual(result.width);
}

/** Both viewports, one after the other: the page fits each. */
export async function expectFitsPhoneAndDesktop(page: Page): Promise<void> {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await expectFitsViewport(page);
  }
}
