import { expect, test } from "@playwright/test";
import { E2E_BASE_URL } from "./helpers/env";

test("home page shows the product and the production address to register", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("KooGallery SaaS Starter");
  await expect(page.getByTestId("production-address")).toHaveText(`${E2E_BASE_URL}/api/marketplace`);
  await expect(page.getByRole("link", { name: "Marketplace call log" })).toHaveAttribute("href", "/admin/calls");
});
