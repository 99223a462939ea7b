/**
 * Issue 14 in a real browser, against the production build:
 * - security headers on pages and routes, and Chromium reporting no CSP violation while staff
 *   and a customer use the consoles (the nonce reaches every script Next renders);
 * - no page can be framed;
 * - open redirects: hostile callbackUrls through the real staff sign-in stay on the site, POST
 *   /lang `next` too; a deep link survives the sign-in (staff and customer);
 * - a staff cookie copied before sign-out is dead after it (pages and tRPC);
 * - the sign-in lockout says how long to wait, and staff see the attempts;
 * - 404 pages with a way back, inside each console, with HTTP 404;
 * - a path whose percent-escapes are not UTF-8: 400 from the proxy, never Next's bare 500.
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { emulatorSignIn, seedCustomerTenant, type E2ETenant } from "./helpers/customer";
import { DESKTOP, expectFitsViewport, PHONE } from "./helpers/customer-page";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";
import { signInAsStaff } from "./helpers/staff";

// Page walks on a busy machine: generous limits (each step still waits for its own event).
test.describe.configure({ timeout: 180_000 });

let tenant: E2ETenant;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  tenant = await seedCustomerTenant(request, "安全测试 Security Org", [{ userName: "sam", name: "Sam 孙", role: "admin", enable: "true" }]);
  await request.dispose();
});

/** Collects every CSP violation the page reports (DOM event and console), and uncaught errors. */
async function watchCsp(context: BrowserContext, page: Page): Promise<() => Promise<string[]>> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp?: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI} @ ${e.documentURI}`));
  });
  const logged: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) logged.push(m.text());
  });
  page.on("pageerror", (e) => logged.push(`pageerror: ${e.message}`));
  return async () => [...logged, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [])) as string[])];
}

async function staffSignInVia(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
  await page.getByLabel("Password").fill(E2E_ENV.STAFF_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("pages and routes carry the security headers; the CSP nonce is fresh and on every script", async ({ request }) => {
  const nonces = new Set<string>();
  for (const [method, path] of [["GET", "/"], ["GET", "/login"], ["GET", "/admin/login"], ["GET", "/app"], ["GET", "/no-such-page"], ["POST", "/api/marketplace"], ["GET", "/api/trpc/tenant.me"], ["GET", "/api/auth/csrf"]] as const) {
    const res = await request.fetch(path, { method, maxRedirects: 0, data: method === "POST" ? "{}" : undefined });
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    // APP_URL is http here: no HSTS (it would pin a plain-http host to https).
    expect(h["strict-transport-security"], path).toBeUndefined();
    if (path.startsWith("/api/marketplace") || path.startsWith("/api/trpc/")) {
      // JSON routes the proxy skips: a constant policy that allows nothing (src/server/security/api-headers.ts).
      expect(csp, path).toBe("default-src 'none'; frame-ancestors 'none'");
      continue;
    }
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp, path).not.toContain("unsafe-inline");
    expect(csp, path).not.toContain("unsafe-eval");
    nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
    if (method === "GET" && (path === "/" || path === "/login")) {
      const html = await res.text();
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  }
  expect(nonces.size, "a new nonce per page or proxied route").toBe(6);
  // Build assets get the constant headers (the proxy skips them).
  const home = await (await request.get("/")).text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(home)![0];
  const assetRes = await request.get(asset);
  expect(assetRes.headers()["x-content-type-options"]).toBe("nosniff");
});

test("no CSP violation while staff use the console", async ({ context, page }) => {
  const violations = await watchCsp(context, page);
  for (const path of ["/", "/login", "/admin/login"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  await signInAsStaff(page);
  for (const path of ["/admin", "/admin/calls", "/admin/instances", "/admin/tenants", "/admin/usage", "/admin/sign-ins", `/admin/tenants/${tenant.tenantId}`, `/admin/instances/${tenant.instanceId}`, "/admin/no-such-page"]) {
    await page.goto(path);
    await expect(page.getByTestId("staff-name")).toBeVisible();
  }
  // Client-side navigation (RSC fetches, hydrated links) too.
  await page.getByRole("link", { name: "Call log", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/calls$/);
  expect(await violations()).toEqual([]);
});

test("no CSP violation while a customer uses the tenant app (sign-in, usage bars, language switch)", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await watchCsp(context, page);
  await page.goto(`/login/start?tenant=${tenant.tenantId}`);
  await emulatorSignIn(page, "sam");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await expect(page.getByRole("progressbar").first()).toBeVisible();
  await page.getByTestId("lang-switch").locator("button").first().click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  await page.goto("/app/no-such-page");
  expect(await violations()).toEqual([]);
  await context.close();
});

test("no page can be framed", async ({ page }) => {
  // A page of another origin (about:blank) framing two of ours; the frames count their loads.
  await page.setContent(
    `<iframe id="f" onload="window.loads=(window.loads||0)+1" src="${E2E_BASE_URL}/admin/login"></iframe>` +
      `<iframe id="g" onload="window.loads=(window.loads||0)+1" src="${E2E_BASE_URL}/"></iframe>`,
  );
  await page.waitForFunction(() => (window as unknown as { loads?: number }).loads === 2);
  // Chromium replaced both with its error page (frame-ancestors 'none' / X-Frame-Options DENY)…
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  expect(frames.map((f) => f.url())).toEqual(["chrome-error://chromewebdata/", "chrome-error://chromewebdata/"]);
  // …so the frames never show the app.
  await expect(page.frameLocator("#f").getByText("Staff sign-in")).toHaveCount(0);
  await expect(page.frameLocator("#g").getByText("KooGallery SaaS Starter")).toHaveCount(0);
});

test("hostile callbackUrls through the real staff sign-in never leave the site", async ({ context, page }) => {
  const offsite: string[] = [];
  await context.route((url) => url.hostname.endsWith("evil.example"), (route) => {
    offsite.push(route.request().url());
    return route.abort();
  });
  for (const callbackUrl of ["/.//evil.example", "/admin/..//evil.example", "/.%2e//evil.example", "/%2F%2Fevil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]) {
    await context.clearCookies();
    await staffSignInVia(page, `/admin/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await expect(page, callbackUrl).toHaveURL(`${E2E_BASE_URL}/admin`);
  }
  expect(offsite).toEqual([]);

  // POST /lang answers the normalised path, never another host.
  for (const next of ["/.//evil.example", "/admin/..//evil.example"]) {
    const res = await page.request.post("/lang", { form: { lang: "en", next }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers()["location"]).toBe("/app");
  }
});

test("a staff deep link survives the sign-in", async ({ page }) => {
  await page.goto("/admin/calls?activity=newInstance");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/admin/login?callbackUrl=${encodeURIComponent("/admin/calls?activity=newInstance")}`);
  await page.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
  await page.getByLabel("Password").fill(E2E_ENV.STAFF_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/admin/calls?activity=newInstance`);
});

test("a customer deep link survives the sign-in", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/app?from=mail");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/login?required=1&next=${encodeURIComponent("/app?from=mail")}`);
  // The "known organisation" form, as a customer in production would (the demo list shows only
  // the first 20 emulator tenants, and earlier specs create more than that).
  await page.getByLabel(/Tenant code or ID/).fill(tenant.tenantId);
  await page.getByRole("button", { name: "Continue" }).click();
  await emulatorSignIn(page, "sam");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app?from=mail`);
  await page.context().close();
});

test("a staff cookie copied before sign-out is dead after it: pages and tRPC", async ({ browser }) => {
  const listUrl = `/api/trpc/callLog.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInAsStaff(page);
  const copied = await first.cookies();
  expect(copied.some((c) => c.name === "next-auth.session-token")).toBe(true);
  expect((await page.request.get(listUrl)).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await first.close();

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/admin/calls");
  await expect(stolen).toHaveURL(/\/admin\/login\?callbackUrl=%2Fadmin%2Fcalls$/);
  expect((await stolen.request.get(listUrl)).status()).toBe(401);
  await thief.close();
});

test("repeated wrong passwords lock the address, say how long to wait, staff see the attempts, and an owner lifts the lock", async ({ browser, page }) => {
  // Another client address (the e2e server trusts the last X-Forwarded-For entry, as behind one proxy).
  const intruder = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.66.0.1" } });
  const attacker = await intruder.newPage();
  await attacker.goto("/admin/login");
  const attempt = async (password: string) => {
    await attacker.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
    await attacker.getByLabel("Password").fill(password);
    const answered = attacker.waitForResponse((r) => r.url().includes("/api/auth/callback/staff"));
    await attacker.getByRole("button", { name: "Sign in" }).click();
    await answered;
    return attacker.getByTestId("login-error");
  };
  for (let i = 0; i < 5; i++) await expect(await attempt(`wrong-${i}`)).toHaveText("Wrong username or password.");
  await expect(await attempt("wrong-again")).toHaveText("Too many sign-in attempts. Sign-in is locked; try again in 15 minutes.");
  // Locked means locked: even the right password is refused from there…
  await expect(await attempt(E2E_ENV.STAFF_PASSWORD)).toContainText("Too many sign-in attempts");
  await expect(attacker).toHaveURL(/\/admin\/login/);
  await intruder.close();

  // …while staff elsewhere sign in and see it all.
  await signInAsStaff(page);
  await page.getByRole("link", { name: "Sign-ins", exact: true }).click();
  await expect(page.getByTestId("active-locks")).toContainText("10.66.0.1");
  const rows = page.getByTestId("sign-in-table").locator("tbody tr").filter({ hasText: "10.66.0.1" });
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: "wrong username or password" })).toHaveCount(5);
  await expect(rows.filter({ hasText: "refused: address locked" })).toHaveCount(2);

  // An owner lifts the lock (audited); from that address the right password works again. The
  // lock and its button fit a phone.
  const lock = page.getByTestId("active-locks").locator("li").filter({ hasText: "10.66.0.1" });
  await page.setViewportSize(PHONE);
  await expectFitsViewport(page);
  await expect(lock.getByTestId("lock-lift")).toBeInViewport();
  await page.getByTestId("active-locks").screenshot({ path: "test-results/sign-ins-lock-390.png" });
  await page.setViewportSize(DESKTOP);
  await lock.getByTestId("lock-lift").click();
  await expect(page.getByTestId("active-locks").locator("li").filter({ hasText: "10.66.0.1" })).toHaveCount(0);
  const colleague = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.66.0.1" } });
  const office = await colleague.newPage();
  await office.goto("/admin/login");
  await office.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
  await office.getByLabel("Password").fill(E2E_ENV.STAFF_PASSWORD);
  await office.getByRole("button", { name: "Sign in" }).click();
  await expect(office).toHaveURL(/\/admin$/);
  await colleague.close();
  await page.goto("/admin/audit");
  await expect(page.locator('tr[data-action="staff.unlock"]').filter({ hasText: "10.66.0.1" })).toHaveCount(1);
});

test("404 pages: inside each console, with the way back, answered 404", async ({ page, browser }) => {
  // Outside the consoles.
  const plain = await page.goto("/no-such-page");
  expect(plain?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Page not found");
  await page.getByTestId("not-found-back").click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/`);

  // Staff console: unknown address, instance and tenant.
  await signInAsStaff(page);
  for (const path of ["/admin/no-such-page", "/admin/instances/no-such-instance", "/admin/tenants/no-such-tenant", `/admin/instances/${"x".repeat(100)}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found"), path).toContainText("Not found");
    await expect(page.getByTestId("staff-name")).toBeVisible();
  }
  await page.getByTestId("not-found-back").click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/admin`);

  // Customer console, in Chinese and in English.
  const zh = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });
  const customer = await zh.newPage();
  await customer.goto(`/login/start?tenant=${tenant.tenantId}`);
  await emulatorSignIn(customer, "sam");
  await expect(customer).toHaveURL(`${E2E_BASE_URL}/app`);
  const res = await customer.goto("/app/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(customer.getByTestId("not-found")).toContainText("页面不存在");
  await expect(customer.getByTestId("customer-name")).toBeVisible();
  await customer.getByTestId("lang-switch").locator('button[data-locale="en"]').click();
  await expect(customer.getByTestId("not-found")).toContainText("Page not found");
  await customer.getByTestId("not-found-back").click();
  await expect(customer).toHaveURL(`${E2E_BASE_URL}/app`);
  await zh.close();
});

test("a path that is not percent-encoded UTF-8 is a 400, never Next's bare 500", async ({ request }) => {
  // %ED%A0%80 is a lone surrogate, %FF no UTF-8 at all: Next cannot decode either into a dynamic
  // segment ([id], [...missing], [kind]) and answered "Internal Server Error" (src/proxy.ts).
  for (const path of ["/admin/instances/%ED%A0%80", "/admin/tenants/%FF", "/admin/licenses/%", "/app/%ED%A0%80", "/api/trpc/%FF"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text(), path).toContain("not valid percent-encoded UTF-8");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
  }
  // Under the production address: the protocol's answer.
  const kit = await request.post("/api/marketplace/produceAPI/v2/%ED%A0%80", { data: "{}" });
  expect(kit.status()).toBe(200);
  expect(await kit.json()).toEqual({ resultCode: "000002", resultMsg: "invalid request parameter: path: the address is not valid percent-encoded UTF-8" });
  // A well-formed escape still reaches the page.
  expect((await request.get("/admin/instances/a%25b", { maxRedirects: 0 })).status()).toBe(307);
});
