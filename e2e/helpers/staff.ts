/** Staff sign-in through the real login form, and reads through the staff API with its cookie. */
import { expect, type Page } from "@playwright/test";
import { E2E_ENV } from "./env";

export async function signInAsStaff(page: Page, password: string = E2E_ENV.STAFF_PASSWORD): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Username").fill(E2E_ENV.STAFF_USERNAME);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (password === E2E_ENV.STAFF_PASSWORD) await expect(page).toHaveURL(/\/admin$/);
}

/** The newest logged call of an activity, read through the staff API with the page's cookie. */
export async function newestCallId(page: Page, activity: string): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ json: { activity, limit: 1 } }));
  const res = await page.request.get(`/api/trpc/callLog.list?input=${input}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { items: { id: string }[] } } } };
  return body.result.data.json.items[0]!.id;
}
