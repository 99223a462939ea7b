/**
 * The staff overview ("Setup & health", /admin) against the production build: reached from the
 * nav, it shows the production address and login callback to register, the traffic cards and
 * every configuration check with its status — for this server (NODE_ENV=production on
 * http://127.0.0.1, emulator on) that includes problems — and the public half of the server's
 * RSA key, never a secret. Independent of what other specs bought: it asserts only settings.
 */
import { createPublicKey } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, E2E_ENV, e2eRsaPrivateKey } from "./helpers/env";
import { signInAsStaff } from "./helpers/staff";

test("staff see the production address, the traffic and every setup check", async ({ page }) => {
  await signInAsStaff(page);
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Setup & health" })).toBeVisible();

  const address = page.getByTestId("production-address");
  await expect(address).toContainText(`${E2E_BASE_URL}/api/marketplace`);
  await expect(address).toContainText(`${E2E_BASE_URL}/api/auth/callback/oneaccess`);
  await expect(address).toContainText(`${E2E_BASE_URL}/api/marketplace/license`);
  await expect(address.getByTestId("copy-license-address")).toBeVisible();
  await expect(page.getByTestId("overview-counts")).toHaveText(/^\d+ problem\(s\) · \d+ warning\(s\) · \d+ OK$/);

  const traffic = page.getByTestId("traffic");
  for (const card of ["card-last-base", "card-last-kit", "card-errors", "card-instances", "card-tenants", "card-push"]) {
    await expect(traffic.getByTestId(card)).toBeVisible();
  }
  await expect(page.getByTestId("card-errors-value")).toHaveText(/^\d+$/);

  const check = (id: string) => page.locator(`[data-testid="check"][data-check-id="${id}"]`);
  for (const area of ["interface", "kit", "billing", "traffic"]) await expect(page.getByTestId(`area-${area}`)).toBeVisible();
  // This server: production on plain http to an IP, the OneAccess emulator and the http open-API mock.
  await expect(check("app-url")).toHaveAttribute("data-status", "problem");
  await expect(check("app-url").getByTestId("check-fix")).toContainText("HTTPS");
  await expect(check("oneaccess-emulator")).toHaveAttribute("data-status", "problem");
  await expect(check("access-key")).toHaveAttribute("data-status", "ok");
  await expect(check("query-order")).toHaveAttribute("data-status", "ok");
  await expect(check("app-id")).toHaveAttribute("data-status", "ok");
  await expect(check("production-address").getByTestId("check-value")).toHaveText(`${E2E_BASE_URL}/api/marketplace`);

  // The public key derived from KOOGALLERY_RSA_PRIVATE_KEY, to compare with the 应用凭证.
  const publicPem = String(createPublicKey(e2eRsaPrivateKey()).export({ type: "spki", format: "pem" })).trim();
  await expect(check("rsa-key")).toHaveAttribute("data-status", "ok");
  await expect(check("rsa-key").getByTestId("check-value")).toHaveText(publicPem);
  await expect(check("rsa-key")).toContainText("3072 bits");

  const html = await page.content();
  for (const secret of [E2E_ENV.KOOGALLERY_ACCESS_KEY, E2E_ENV.KOOGALLERY_OPENAPI_SK, E2E_ENV.STAFF_PASSWORD, E2E_ENV.NEXTAUTH_SECRET]) {
    expect(html).not.toContain(secret);
  }
  const privateBody = e2eRsaPrivateKey().split("\n").filter((l) => l && !l.startsWith("-----"));
  for (const line of privateBody) expect(html).not.toContain(line);
});

test("the last base call is rated by its answer, and the error card lists the error answers of the last 24 h", async ({ page, request }) => {
  // A call without its timestamp: answered 000002, and now the last base call.
  const res = await request.post("/api/marketplace", { data: { activity: "newInstance" } });
  expect(((await res.json()) as { resultCode: string }).resultCode).toBe("000002");

  await signInAsStaff(page);
  const last = page.locator('[data-testid="check"][data-check-id="last-base-call"]');
  await expect(last).toHaveAttribute("data-status", "warn");
  await expect(last).toContainText("000002");
  // Its time as the console shows times (zone written out), not an ISO string.
  await expect(last.getByTestId("check-detail").locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC[+-]?\d*$/);
  await expect(last.getByTestId("check-detail")).not.toContainText("Z (");
  await expect(page.getByTestId("card-last-base")).toContainText("000002");

  const errors = Number(await page.getByTestId("card-errors-value").textContent());
  expect(errors).toBeGreaterThan(0);
  await page.getByTestId("card-errors").getByRole("link").click();
  await expect(page).toHaveURL(/\/admin\/calls\?resultCode=error&hours=24$/);
  await expect(page.getByTestId("result-code-filter")).toHaveValue("error");
  await expect(page.getByTestId("within-filter")).toHaveValue("24");
  const rows = page.getByTestId("call-row");
  await expect(rows.first()).toBeVisible();
  // Every row an error answer; as many as the card counted (within one page of 50).
  const codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-result-code")));
  for (const code of codes) expect(code).toMatch(/^(?!000000)\d{6}$/);
  expect(await rows.count()).toBe(Math.min(errors, 50));
});
