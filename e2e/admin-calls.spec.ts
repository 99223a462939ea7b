/**
 * The staff journey: the login refuses a wrong password; a marketplace call signed exactly as
 * KooGallery signs it reaches the real /api/marketplace route (its order registered in the
 * open-API mock first: 查询订单 is on), and staff then find it in the call log, where filtering by
 * another activity hides it.
 */
import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";
import { buyInstance } from "./helpers/marketplace";
import { signInAsStaff } from "./helpers/staff";

test.describe.configure({ mode: "serial" });

test("a wrong staff password shows an error and keeps the user out", async ({ page }) => {
  await page.goto("/admin/calls");
  await expect(page).toHaveURL(/\/admin\/login/);
  await signInAsStaff(page, "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("sign-in ignores a callbackUrl that leaves the site, and follows one that stays", async ({ page }) => {
  // "/<tab>/evil.example": the URL parser drops the tab, which would make it "//evil.example".
  await page.goto(`/admin/login?callbackUrl=${encodeURIComponent("/\t/evil.example")}`);
  await page.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
  await page.getByLabel("Password").fill(E2E_ENV.STAFF_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/admin`);
  // Already signed in: the login page sends a same-site callbackUrl straight on.
  await page.goto("/admin/login?callbackUrl=%2Fadmin%2Fusage");
  await expect(page).toHaveURL(`${E2E_BASE_URL}/admin/usage`);
});

test("a signed newInstance call is answered 000000 and appears in the staff call log", async ({ page, request }) => {
  // Answered 000000 (buyInstance checks it), with 查询订单 against the mock.
  const order = await buyInstance(request, { sku: "mock-sku-basic-monthly", testFlag: "1", orderPrefix: "CSE2E" });
  const answer = order.answer;

  await signInAsStaff(page);
  // Sign-in lands on the overview; the call log is one click away.
  await page.getByRole("link", { name: "Call log", exact: true }).click();
  const row = page.getByTestId("call-row").filter({ hasText: order.orderId });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("newInstance");
  await expect(row).toContainText("000000");
  await expect(row).toContainText("test");

  // The redacted request body is one click away.
  await row.getByText(/Request \/ response/).click();
  await expect(row.getByText(`"orderId": "${order.orderId}"`).first()).toBeVisible();

  // Filter through the form: the view becomes a link, and the newInstance call is gone.
  await page.getByLabel("Activity").selectOption("queryInstance");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]activity=queryInstance/);
  await expect(page.getByText(order.orderId)).toHaveCount(0);

  // The same link for its own activity shows it again.
  await page.goto("/admin/calls?activity=newInstance&resultCode=000000");
  await expect(page.getByTestId("call-row").filter({ hasText: order.orderId })).toHaveCount(1);

  // The instance it created is listed with its lifecycle.
  await page.goto(`/admin/instances?q=${answer.instanceId}`);
  await page.getByRole("link", { name: answer.instanceId! }).click();
  await expect(page.getByTestId("instance-status")).toHaveAttribute("data-status", "ACTIVE");
  await expect(page.getByTestId("instance-status")).toHaveText("Active (test)");
  await expect(page.getByTestId("transition-table").locator("[data-event=create]")).toHaveText("Created (newInstance)");
});

test("signing out ends the staff session", async ({ page }) => {
  await signInAsStaff(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.goto("/admin/calls");
  await expect(page).toHaveURL(/\/admin\/login/);
});
