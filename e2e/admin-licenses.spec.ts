/**
 * License products, as staff see them: License callbacks signed as KooGallery signs them reach the
 * real production address (and the dedicated /api/marketplace/license), then /admin/licenses shows
 * each code's status, callbacks (linked to the call log) and refused transitions; the field on the
 * page activates and checks a test code through the open-API mock, and the answers are recorded.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signedBaseRequest } from "~/koogallery/client";
import { MOCK_LICENSE_CODES } from "~/dev/openapi-mock/licenses";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";
import { uniqueStamp } from "./helpers/marketplace";
import { signInAsStaff } from "./helpers/staff";

test.describe.configure({ mode: "serial" });
// Times show in the browser's zone (src/app/admin/(staff)/admin-time.tsx): pin it.
test.use({ timezoneId: "UTC" });

/** KOOGALLERY_LICENSE_ACCESS_KEY is not set for the e2e server: it defaults to the base key. */
async function callback(request: APIRequestContext, body: Record<string, string>, path = "/api/marketplace"): Promise<string> {
  const signed = signedBaseRequest({ baseUrl: `${E2E_BASE_URL}${path}`, accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY, body });
  const res = await request.post(signed.url, { headers: signed.headers, data: signed.body });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { resultCode: string }).resultCode;
}

const stamp = uniqueStamp();
const code = `E2E-LIC-${stamp}`;
const debugCode = `E2E-DBG-${stamp}`;

test("License callbacks are answered with the License table and listed per code, with their call log", async ({ page, request }) => {
  const renewal = { activity: "refreshLicenseCode", scene: "RENEWAL", orderId: `CSL${stamp}`, orderLineId: `CSL${stamp}-1`, license: code, expireTime: "20300101000000", productId: "E2E-PRODUCT" };
  expect(await callback(request, renewal)).toBe("000000");
  expect(await callback(request, { activity: "updateLicenseCodeStatus", license: code, status: "FREEZE" }, "/api/marketplace/license")).toBe("000000");
  expect(await callback(request, { activity: "releaseLicenseCode", license: code })).toBe("000000");
  expect(await callback(request, { ...renewal, orderId: `CSL${stamp}B`, orderLineId: `CSL${stamp}B-1` })).toBe("000003");
  expect(await callback(request, { activity: "updateLicenseCodeStatus", license: `E2E-NEVER-${stamp}`, status: "FREEZE" })).toBe("000003");
  // A debug case after a release still succeeds (and revives the debug code).
  expect(await callback(request, { activity: "releaseLicenseCode", license: debugCode, testFlag: "1" })).toBe("000000");
  expect(await callback(request, { activity: "updateLicenseCodeStatus", license: debugCode, status: "UNFREEZE", testFlag: "1" })).toBe("000000");

  await signInAsStaff(page);
  await page.getByRole("link", { name: "Licenses", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/licenses$/);
  const row = page.locator(`[data-testid="license-row"][data-license="${code}"]`);
  await expect(row.getByTestId("license-status")).toHaveAttribute("data-status", "RELEASED");
  await expect(row.getByTestId("license-status")).toHaveText("Released");
  await expect(row.getByTestId("license-callbacks")).toHaveText("4");
  await expect(row).toContainText("E2E-PRODUCT");
  await expect(row).toContainText("2030-01-01 00:00 UTC");
  const debugRow = page.locator(`[data-testid="license-row"][data-license="${debugCode}"]`);
  await expect(debugRow.getByTestId("license-status")).toHaveAttribute("data-status", "ACTIVE");
  await expect(debugRow).toContainText("test");

  // Hiding test codes hides the debug one only.
  await page.getByLabel("Hide test codes").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/hideTest=1/);
  await expect(page.locator(`[data-license="${debugCode}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-license="${code}"]`)).toHaveCount(1);

  // The callbacks link opens the call log filtered to this code, refused calls included.
  await page.locator(`[data-license="${code}"]`).getByTestId("license-callbacks").click();
  await expect(page).toHaveURL(/\/admin\/calls\?channel=license&instanceId=/);
  const calls = page.getByTestId("call-row");
  await expect(calls).toHaveCount(4);
  await expect(calls.filter({ hasText: "000003" })).toHaveCount(1);
  await expect(calls.filter({ hasText: "updateLicenseCodeStatus" })).toContainText("/api/marketplace/license");

  // The code's page: lifecycle with the refused renewal.
  await page.goto(`/admin/licenses/${encodeURIComponent(code)}`);
  await expect(page.getByTestId("license-code")).toHaveText(code);
  const refused = page.getByTestId("license-transitions").locator("tr.text-red-700");
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText("refreshLicenseCode");
  await expect(refused).toContainText("Not allowed while the license code is Released");
  // The renewal that created the code: its request worded, not quoted ("RENEWAL → 2030…").
  await expect(page.getByTestId("license-transitions")).toContainText("Renewal: the request asked for expiry 2030-01-01 00:00 UTC; First seen");
  await expect(page.getByTestId("license-transitions")).not.toContainText("→ 2030");
  await expect(page.getByTestId("license-calls").locator("tbody tr")).toHaveCount(4);
});

test("staff activate and check a test code through the open API; the answers are recorded", async ({ page }) => {
  const fresh = `${MOCK_LICENSE_CODES.newPrefix}${stamp}`;
  await signInAsStaff(page);
  await page.goto("/admin/licenses");

  await page.getByTestId("license-code-input").fill(fresh);
  await page.getByTestId("license-heartbeat").click();
  await expect(page.getByTestId("license-api-outcome")).toContainText("NOT_ACTIVATED");
  await expect(page.locator(`[data-license="${fresh}"]`)).toHaveCount(0);

  await page.getByTestId("license-activate").click();
  await expect(page.getByTestId("license-api-outcome")).toContainText("92020000 ALIVE");
  const row = page.locator(`[data-testid="license-row"][data-license="${fresh}"]`);
  await expect(row.getByTestId("license-activated")).toContainText("UTC");

  await page.getByTestId("license-heartbeat").click();
  await expect(page.getByTestId("license-api-outcome")).toContainText("92020000 ALIVE");
  await expect(row.getByTestId("license-heartbeat-cell")).toContainText("ALIVE");

  // On the page of a code the marketplace does not know, the heartbeat's refusal is recorded.
  await page.goto(`/admin/licenses/${encodeURIComponent(code)}`);
  await expect(page.getByTestId("license-last-heartbeat")).toHaveText("never");
  await page.getByTestId("license-heartbeat").click();
  await expect(page.getByTestId("license-api-outcome")).toContainText("NOT_EXIST");
  await expect(page.getByTestId("license-last-heartbeat")).toContainText("92020005");

  // An expired test code: checked, shown in red as EXPIRED.
  await page.goto("/admin/licenses");
  await page.getByTestId("license-code-input").fill(MOCK_LICENSE_CODES.expired);
  await page.getByTestId("license-heartbeat").click();
  await expect(page.getByTestId("license-api-outcome")).toContainText("EXPIRED");
  await expect(page.locator(`[data-license="${MOCK_LICENSE_CODES.expired}"]`).getByTestId("license-heartbeat-cell")).toContainText("EXPIRED");
});

test("an unknown license code is a 404 that speaks of license codes; with AK/SK set the open API is offered", async ({ page }) => {
  await signInAsStaff(page);
  const res = await page.goto(`/admin/licenses/${encodeURIComponent(`E2E-UNKNOWN-${stamp}`)}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByTestId("not-found-text")).toContainText("No license code with this name");
  await expect(page.getByTestId("not-found")).not.toContainText(/instance or tenant/);
  await page.getByTestId("not-found-back").click();
  await expect(page).toHaveURL(/\/admin\/licenses$/);

  // The e2e server has KOOGALLERY_OPENAPI_AK/SK: nothing says the open API is unavailable.
  await page.getByTestId("license-code-input").fill("ANY-CODE");
  await expect(page.getByTestId("license-activate")).toBeEnabled();
  await expect(page.getByTestId("license-heartbeat")).toBeEnabled();
  await expect(page.getByTestId("license-api-unavailable")).toHaveCount(0);
});
