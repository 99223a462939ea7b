/**
 * `npm run conformance` against the production build (next start, 查询订单 on against the
 * open-API mock): a full --mode period and --mode ondemand run over the real routes — base
 * interface, Kit sync (applicationSync with the server's public key) and the hostile cases —
 * passes and reports to /admin, where staff see the conformance row as OK. The report route
 * refuses an oversized body before reading it.
 */
import { createPublicKey } from "node:crypto";
import { expect, test } from "@playwright/test";
import { conformanceMain } from "~/conformance/main";
import type { SaasMode } from "~/conformance/modes";
import { E2E_BASE_URL, E2E_ENV, e2eRsaPrivateKey } from "./helpers/env";
import { signInAsStaff } from "./helpers/staff";

async function conformance(mode: SaasMode) {
  const lines: string[] = [];
  const key = E2E_ENV.KOOGALLERY_ACCESS_KEY;
  const code = await conformanceMain(
    {
      mode, kit: true, probe: false, everyMs: 12 * 3_600_000, once: false, timeoutMs: 20_000, help: false, seed: 2024,
      url: `${E2E_BASE_URL}/api/marketplace`,
      keys: { base: key, kit: key, license: key },
      publicKeyPem: String(createPublicKey(e2eRsaPrivateKey()).export({ type: "spki", format: "pem" })),
      reportTo: E2E_BASE_URL,
    },
    { out: (l) => lines.push(l) },
  );
  return { code, text: lines.join("\n") };
}

test("the conformance runner passes against the app and its result shows on /admin", async ({ page }) => {
  test.setTimeout(240_000);
  for (const mode of ["period", "ondemand"] as const) {
    const { code, text } = await conformance(mode);
    expect(code, text).toBe(0);
    expect(text).toMatch(/\nPASSED\n/);
    expect(text).toContain("kit.applicationSync.add");
    expect(text).toMatch(/reported to http:\/\/127\.0\.0\.1:\d+\/api\/conformance\/report/);
  }
  await signInAsStaff(page);
  await page.goto("/admin");
  const row = page.locator('[data-testid="check"][data-check-id="conformance-probe"]');
  await expect(row).toHaveAttribute("data-status", "ok");
  await expect(row).toContainText("Conformance run passed");
  await expect(row).toContainText("(ondemand,");
});

test("the report route refuses an oversized body (413) and an unsigned one (000002)", async ({ request }) => {
  const big = await request.post("/api/conformance/report", { data: "x".repeat(20_000), headers: { "content-type": "application/json" } });
  expect(big.status()).toBe(413);
  const unsigned = await request.post("/api/conformance/report", { data: { passed: true } });
  expect(unsigned.status()).toBe(400);
  expect((await unsigned.json()).resultCode).toBe("000002");
});
