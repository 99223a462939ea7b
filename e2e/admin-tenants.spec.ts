/**
 * 联营 Kit sync end to end: header-signed tenantSync, allOrgSync and authSync reach the real
 * /api/marketplace/produceAPI/v2/* routes, and staff find the tenant, its department tree and
 * its users on /admin/tenants.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signedKitRequest } from "~/koogallery/client";
import { formatKitTimestamp } from "~/koogallery/time";
import { E2E_BASE_URL, E2E_ENV } from "./helpers/env";
import { signInAsStaff } from "./helpers/staff";

const tenantId = `e2e-tenant-${randomBytes(4).toString("hex")}`;
const ts = formatKitTimestamp(new Date());

test("Kit-synced tenant, departments and users appear in the staff tenant directory", async ({ page, request }) => {
  const calls: Array<[string, Record<string, unknown>]> = [
    ["tenantSync", { instanceId: "", orderId: "", tenantId, tenantCode: "e2e", name: "E2E 测试企业", domainName: "https://e2e.oneaccess.example", flag: 1, testFlag: 0, timeStamp: ts }],
    ["allOrgSync", { instanceId: "", tenantId, orgInfoList: JSON.stringify([{ orgCode: "100", orgName: "Headquarters" }, { orgCode: "110", orgName: "Research", parentCode: "100" }]), testFlag: 0, timeStamp: ts }],
    ["authSync", { instanceId: "", tenantId, appId: "app-e2e", currentSyncTime: ts, flag: 1, testFlag: 0, timeStamp: ts, userList: [{ userName: "wangwu", name: "Wang Wu", orgCode: "110", role: "admin", enable: "true" }] }],
  ];
  for (const [kind, body] of calls) {
    const signed = signedKitRequest({ baseUrl: `${E2E_BASE_URL}/api/marketplace`, path: `/produceAPI/v2/${kind}`, accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY, body });
    const res = await request.post(signed.url, { headers: signed.headers, data: signed.body });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ resultCode: "000000", resultMsg: "Success" });
  }
  // A Kit call with a bad signature is refused with 000001.
  const forged = signedKitRequest({ baseUrl: `${E2E_BASE_URL}/api/marketplace`, path: "/produceAPI/v2/tenantSync", accessKey: "wrong", body: calls[0]![1] });
  expect(((await (await request.post(forged.url, { headers: forged.headers, data: forged.body })).json()) as { resultCode: string }).resultCode).toBe("000001");

  await signInAsStaff(page);
  await page.getByRole("link", { name: "Tenants", exact: true }).click();
  await expect(page.getByTestId("tenant-table")).toContainText(tenantId);
  await page.getByRole("link", { name: "E2E 测试企业" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText("E2E 测试企业");
  const tree = page.getByTestId("department-tree");
  await expect(tree.locator("li", { hasText: "Headquarters" }).locator("li", { hasText: "Research" })).toBeVisible();
  await expect(page.getByTestId("user-table")).toContainText("wangwu");
  await expect(page.getByTestId("user-table")).toContainText("app-e2e");

  await page.goto("/admin/calls?channel=kit");
  await expect(page.getByTestId("call-row").filter({ hasText: "authSync" }).first()).toBeVisible();
});
