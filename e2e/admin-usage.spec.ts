/**
 * The staff usage view renders against the production build: summary cards and settings, the
 * push-record table (rows or its empty state), the status filter as a linkable URL, the dead
 * letters tab with its reason filter, and the ledger tab. Independent of what other specs bought:
 * it creates nothing and asserts only what holds for any outbox.
 */
import { expect, test } from "@playwright/test";
import { signInAsStaff } from "./helpers/staff";

test("staff see the usage summary, the push records and the ledger", async ({ page }) => {
  await signInAsStaff(page);
  await page.getByRole("link", { name: "Usage", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/usage$/);
  await expect(page.getByRole("heading", { name: /Usage & usage push/ })).toBeVisible();

  const summary = page.getByTestId("usage-summary");
  for (const card of ["card-pending", "card-sent", "card-failed", "card-oldest", "card-last-sent"]) {
    await expect(summary.getByTestId(card)).toBeVisible();
  }
  await expect(page.getByTestId("card-failed-value")).toHaveText(/^\d+$/);
  const settings = page.getByTestId("usage-settings");
  await expect(settings).toContainText("USAGE_PUSH_ENABLED");
  await expect(settings).toContainText("KOOGALLERY_QUERY_ORDER");
  await expect(settings).toContainText("Open API AK");

  // Either records or the empty state — never neither.
  const rows = page.getByTestId("push-record-row");
  const empty = page.getByTestId("no-push-records");
  await expect(page.getByTestId("push-record-table")).toBeVisible();
  expect((await rows.count()) > 0 || (await empty.isVisible())).toBe(true);

  // The filter is a plain GET form: the view becomes a link and shows FAILED records only.
  await page.getByLabel("Status").selectOption("FAILED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]status=FAILED/);
  await expect(page.locator('[data-testid="push-record-row"]:not([data-status="FAILED"])')).toHaveCount(0);

  // The dead letters: their own tab, rows with a reason or the empty state; the reason filter is a link too.
  await page.getByRole("navigation", { name: "Usage sections" }).getByRole("link", { name: "Dead letters" }).click();
  await expect(page).toHaveURL(/[?&]tab=dead/);
  await expect(page.getByTestId("dead-letter-table")).toBeVisible();
  expect((await page.getByTestId("dead-letter-row").count()) > 0 || (await page.getByTestId("no-dead-letters").isVisible())).toBe(true);
  await page.getByLabel("Reason").selectOption("TOO_OLD");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]reason=TOO_OLD/);
  await expect(page.locator('[data-testid="dead-letter-row"]:not([data-reason="TOO_OLD"])')).toHaveCount(0);

  await page.getByRole("link", { name: "Ledger" }).click();
  await expect(page).toHaveURL(/[?&]tab=ledger/);
  await expect(page.getByTestId("ledger-table")).toBeVisible();
  expect((await page.getByTestId("ledger-row").count()) > 0 || (await page.getByTestId("no-ledger-entries").isVisible())).toBe(true);
});
