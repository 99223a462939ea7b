/**
 * 联营 tenants for the customer-login specs, delivered over HTTP exactly as the marketplace
 * would (the server owns its PGlite; the test process must not open it): an order registered in
 * the open-API mock and its signed newInstance (marketplace.ts buyInstance), then signed tenantSync / applicationSync / authSync with domainName = the app's own OneAccess
 * emulator. Plus the emulator's login form, as a user fills it.
 */
import { createPublicKey, randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { signedKitRequest } from "~/koogallery/client";
import { encryptClientSecretForTest } from "~/koogallery/rsa";
import { formatKitTimestamp } from "~/koogallery/time";
import { emulatorDomainName } from "~/dev/oneaccess-emulator";
import { E2E_APP_ID, E2E_BASE_URL, E2E_ENV, e2eRsaPrivateKey } from "./env";
import { buyInstance, DEFAULT_E2E_SKU, type BuyOptions } from "./marketplace";

export interface E2EUser {
  userName: string;
  name: string;
  role: "admin" | "user";
  enable: "true" | "false";
}

export interface E2ETenant {
  tenantId: string;
  tenantCode: string;
  name: string;
  instanceId: string;
  clientId: string;
  domainName: string;
  /** The order that created the instance, and its buyer (buyerInfo.customerId). */
  orderId: string;
  customerId: string;
}

const kitTime = () => formatKitTimestamp(new Date());

async function post(request: APIRequestContext, signed: { url: string; headers: Record<string, string>; body: string }) {
  const res = await request.post(signed.url, { headers: signed.headers, data: signed.body });
  expect(res.status()).toBe(200);
  const json = (await res.json()) as { resultCode: string; resultMsg: string; instanceId?: string };
  expect(json, `${signed.url}: ${JSON.stringify(json)}`).toMatchObject({ resultCode: "000000" });
  return json;
}

/**
 * A tenant whose instance was bought with `opts.sku` (default mock-sku-basic-monthly → basic),
 * Kit-synced with the given users and the app's OneAccess emulator as its domainName.
 */
export async function seedCustomerTenant(
  request: APIRequestContext,
  name: string,
  users: E2EUser[],
  opts: { sku?: string; customerId?: string; validDays?: number; orderType?: BuyOptions["orderType"] } = {},
): Promise<E2ETenant> {
  const bought = await buyInstance(request, {
    sku: opts.sku ?? DEFAULT_E2E_SKU,
    customerId: opts.customerId,
    validDays: opts.validDays,
    orderType: opts.orderType,
    orderPrefix: "CSLOGIN",
  });
  const { instanceId, orderId, customerId } = bought;

  const suffix = randomBytes(4).toString("hex");
  const tenantId = `e2e-login-${suffix}`;
  const tenantCode = `org-${suffix}`;
  const clientId = `client-${suffix}`;
  const domainName = emulatorDomainName(E2E_BASE_URL, tenantId);
  const publicKey = createPublicKey(e2eRsaPrivateKey()).export({ type: "spki", format: "pem" }).toString();
  const common = { instanceId, tenantId, testFlag: 0 };
  const calls: Array<[string, Record<string, unknown>]> = [
    ["tenantSync", { ...common, orderId, tenantCode, name, domainName, flag: 1, timeStamp: kitTime() }],
    ["applicationSync", { ...common, appId: E2E_APP_ID, clientId, clientSecret: encryptClientSecretForTest(randomBytes(24).toString("hex"), publicKey), flag: 1, timeStamp: kitTime() }],
    ["authSync", { ...common, appId: E2E_APP_ID, currentSyncTime: kitTime(), flag: 1, timeStamp: kitTime(), userList: users.map((u) => ({ ...u, orgCode: "1" })) }],
  ];
  for (const [kind, body] of calls) {
    await post(request, signedKitRequest({ baseUrl: `${E2E_BASE_URL}/api/marketplace`, path: `/produceAPI/v2/${kind}`, accessKey: E2E_ENV.KOOGALLERY_ACCESS_KEY, body }));
  }
  return { tenantId, tenantCode, name, instanceId, clientId, domainName, orderId, customerId };
}

/** On the emulator's login page: pick a synced user (or type another account) and sign in. */
export async function emulatorSignIn(page: Page, userName: string, opts: { otherAccount?: boolean } = {}): Promise<void> {
  await expect(page.getByText("OneAccess emulator")).toBeVisible();
  if (opts.otherAccount) {
    await page.getByLabel("Another OneAccess account, not synced to this app").check();
    await page.getByLabel("Account name").fill(userName);
  } else {
    await page.locator(`input[name="userName"][value="${userName}"]`).check();
  }
  await page.getByLabel(/^Password/).fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();
}
