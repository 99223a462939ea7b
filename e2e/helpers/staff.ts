/** Staff sign-in through the real login form (page object style, kept to one function). */
import { expect, type Page } from "@playwright/test";
import { E2E_ENV } from "./env";

export async function signInAsStaff(page: Page, password: string = E2E_ENV.STAFF_PASSWORD): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (password === E2E_ENV.STAFF_PASSWORD) await expect(page).toHaveURL(/\/admin$/);
}
