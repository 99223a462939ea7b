/**
 * npm run db:seed — demo data, delivered the way KooGallery would deliver it: signed calls
 * through the production interface (so instances, order history, transitions and the call
 * log all look real), then three 联营 demo tenants Kit-synced through the real Kit handler, each
 * bound to one of the instances and logging in against the local OneAccess emulator
 * (domainName = APP_URL/dev/oneaccess/<tenantId>; run the app with ONEACCESS_EMULATOR=1, as
 * `npm run dev` and the quickstart do). Safe to run again: every call is idempotent.
 *
 * 查询订单 stays off (the default plan) except for Demo Org C: its instance is a 用完即停 package
 * (mock-sku-stop-pack-1k → stop_pack_1k, 1,000 API calls) plus the product's on-demand instance
 * (mock-sku-stop-ondemand: the usage push's instance_id for the package, docs/billing.md §6),
 * bought through 查询订单 against an in-process open-API mock — the plan lives on the instance row,
 * so the app needs no mock later.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { appBaseUrl, getEnv, productionAddress } from "~/env";
import { canonicalPayload } from "~/koogallery/canonical-json";
import { signedKitRequest } from "~/koogallery/client";
import { encryptClientSecretForTest } from "~/koogallery/rsa";
import { signBase } from "~/koogallery/signature";
import { formatKitTimestamp } from "~/koogallery/time";
import { setBillingConfigForTests } from "~/server/billing/config";
import { getDatabase } from "~/server/db";
import { handleBaseCall } from "~/server/marketplace/base-interface";
import { marketplaceConfig } from "~/server/marketplace/config";
import { handleKitCall } from "~/server/marketplace/kit-interface";
import { migrate } from "~/server/db/migrator";
import { EMULATOR_DEFAULT_PASSWORD, emulatorDomainName } from "~/dev/oneaccess-emulator";
import { mockOrder } from "~/dev/openapi-mock/orders";
import { startMockOpenApi } from "~/dev/openapi-mock/server";

const env = getEnv();
const config = marketplaceConfig(env);
const db = getDatabase();
await migrate(db);

async function deliver(body: Record<string, string>) {
  const raw = canonicalPayload(JSON.stringify(body));
  const timestamp = String(Date.now());
  const nonce = randomBytes(32).toString("hex");
  const signature = signBase({ accessKey: config.accessKey, nonce, timestamp, payload: raw });
  const res = await handleBaseCall(db.prisma, config, {
    rawBody: raw,
    query: new URLSearchParams({ signature, timestamp, nonce }),
    path: "/api/marketplace",
  });
  const json = JSON.parse(res.body) as { resultCode: string; resultMsg: string; instanceId?: string };
  console.log(`[seed] ${String(body.activity).padEnd(20)} ${json.resultCode} ${json.resultCode === "000000" ? "" : json.resultMsg}`);
  return json;
}

const demo = (n: number) => ({
  orderId: `CSDEMO00000${n}`,
  orderLineId: `CSDEMO00000${n}-000001`,
  businessId: `demo-instance-000${n}`,
});

const ids: string[] = [];
for (const n of [1, 2, 3, 4]) {
  const r = await deliver({ activity: "newInstance", ...demo(n) });
  ids.push(r.instanceId!);
}
await deliver({ activity: "refreshInstance", instanceId: ids[0]!, scene: "RENEWAL", orderId: "CSDEMORENEW1", orderLineId: "CSDEMORENEW1-000001", expireTime: "20301231160000" });
await deliver({ activity: "refreshInstance", instanceId: ids[1]!, scene: "TRIAL_TO_FORMAL", orderId: "CSDEMOFORMAL2", orderLineId: "CSDEMOFORMAL2-000001", expireTime: "20271231160000" });
await deliver({ activity: "updateInstanceStatus", instanceId: ids[2]!, status: "FREEZE" });
await deliver({ activity: "releaseInstance", instanceId: ids[3]! });
await deliver({ activity: "queryInstance", instanceId: ids.join(",") });
// A debug-tool call (testFlag=1): processed, but marked as test data.
await deliver({ activity: "newInstance", ...demo(9), testFlag: "1" });

// Demo Org C's 用完即停 package: only 查询订单 can tell newInstance which SKU was bought, so this one
// call runs with 查询订单 on, against an in-process mock that knows the order. The switch is the
// billing settings override (billingConfig() reads it on every use) rather than editing
// process.env and re-parsing it with resetEnvForTests(): it changes billing's view only, for
// exactly this call, and leaves the env the seed already parsed (and everything else reading it)
// alone. A second seed run finds the instance by its order line and does not query again.
const STOP_PACK = { orderId: "CSDEMOSTOPPACK1", orderLineId: "CSDEMOSTOPPACK1-000001", businessId: "demo-instance-stop-pack" };
const STOP_PACK_ONDEMAND = { orderId: "CSDEMOSTOPOD1", orderLineId: "CSDEMOSTOPOD1-000001", businessId: "demo-instance-stop-ondemand" };
const STOP_PACK_CUSTOMER = "demo-customer-org-c";
const mockKeys = { ak: "SEEDMOCKAK0000000001", sk: "seed-mock-sk-in-process-only" };
const openApiMock = await startMockOpenApi({ ...mockKeys, usagePushKey: env.KOOGALLERY_USAGE_PUSH_KEY });
let stopPackId: string;
try {
  openApiMock.addOrder(mockOrder(STOP_PACK.orderId, "NEW", "ON_DEMAND_PKG", "mock-sku-stop-pack-1k", Date.now(), { validDays: 365, customerId: STOP_PACK_CUSTOMER }));
  openApiMock.addOrder(mockOrder(STOP_PACK_ONDEMAND.orderId, "NEW", "ON_DEMAND", "mock-sku-stop-ondemand", Date.now(), { customerId: STOP_PACK_CUSTOMER }));
  setBillingConfigForTests({ queryOrder: true, openApi: { endpoint: openApiMock.url, ...mockKeys, queryOrderTimeoutMs: 3000 } });
  const od = await deliver({ activity: "newInstance", ...STOP_PACK_ONDEMAND });
  if (od.resultCode !== "000000") throw new Error(`newInstance of the 用完即停 demo on-demand instance failed: ${od.resultCode} ${od.resultMsg}`);
  const r = await deliver({ activity: "newInstance", ...STOP_PACK });
  if (r.resultCode !== "000000") throw new Error(`newInstance of the 用完即停 demo package failed: ${r.resultCode} ${r.resultMsg}`);
  stopPackId = r.instanceId!;
} finally {
  setBillingConfigForTests(undefined);
  await openApiMock.stop();
}

// ---------------------------------------------------------------------------------------------
// 联营 Kit: two demo organisations, synced through the Kit handler with header signatures.

// The marketplace encrypts each clientSecret with the public key of the 应用凭证. The seed plays
// the marketplace with a throw-away key pair and hands the private half to this one Kit handler
// call only; the secret is stored sealed with DATA_ENCRYPTION_KEY, so the server never needs
// that key again (KOOGALLERY_RSA_PRIVATE_KEY stays what it is).
const seedKeys = generateKeyPairSync("rsa", {
  modulusLength: 3072,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const kitConfig = { ...config, rsaPrivateKey: seedKeys.privateKey };
const appUrl = appBaseUrl(env);
const appId = env.KOOGALLERY_APP_ID ?? "demo-app";

/** yyyyMMddHHmmssSSS in UTC+8, as Kit bodies carry it. */
const kitTime = () => formatKitTimestamp(new Date());

async function kit(kind: string, body: Record<string, unknown>) {
  const req = signedKitRequest({ baseUrl: productionAddress(env), path: `/produceAPI/v2/${kind}`, accessKey: config.kitAccessKey, body });
  const res = await handleKitCall(db.prisma, kitConfig, { rawBody: req.body, headers: new Headers(req.headers), path: new URL(req.url).pathname });
  const json = JSON.parse(res.body) as { resultCode: string; resultMsg: string };
  console.log(`[seed] ${kind.padEnd(20)} ${json.resultCode} ${json.resultCode === "000000" ? String(body.tenantId) : json.resultMsg}`);
  if (json.resultCode !== "000000") throw new Error(`${kind} failed: ${json.resultCode} ${json.resultMsg}`);
}

const demoTenants = [
  {
    tenantId: "demo-tenant-a",
    tenantCode: "demo-a",
    name: "示例企业甲 Demo Org A",
    instanceId: ids[0]!,
    orderId: demo(1).orderId,
    org: { orgCode: "A100", orgName: "总部 Headquarters" },
    users: [
      { userName: "alice", name: "Alice 李", role: "admin", enable: "true" },
      { userName: "bob", name: "Bob 王", role: "user", enable: "true" },
      { userName: "carol", name: "Carol 张", role: "user", enable: "false" },
    ],
  },
  {
    tenantId: "demo-tenant-b",
    tenantCode: "demo-b",
    name: "示例企业乙 Demo Org B",
    instanceId: ids[1]!,
    orderId: demo(2).orderId,
    org: { orgCode: "B100", orgName: "研发部 R&D" },
    users: [
      { userName: "david", name: "David 陈", role: "admin", enable: "true" },
      { userName: "erin", name: "Erin 刘", role: "user", enable: "true" },
      { userName: "frank", name: "Frank 赵", role: "user", enable: "false" },
    ],
  },
  {
    tenantId: "demo-tenant-c",
    tenantCode: "demo-c",
    name: "示例企业丙 Demo Org C",
    instanceId: stopPackId,
    orderId: STOP_PACK.orderId,
    note: "用完即停 package: 1,000 API calls, stops when used up",
    org: { orgCode: "C100", orgName: "运营部 Operations" },
    users: [
      { userName: "grace", name: "Grace 孙", role: "admin", enable: "true" },
      { userName: "heidi", name: "Heidi 周", role: "user", enable: "true" },
    ],
  },
];

for (const t of demoTenants) {
  const common = { instanceId: t.instanceId, tenantId: t.tenantId, testFlag: 0 };
  await kit("tenantSync", { ...common, orderId: t.orderId, tenantCode: t.tenantCode, name: t.name, domainName: emulatorDomainName(appUrl, t.tenantId), flag: 1, timeStamp: kitTime() });
  await kit("applicationSync", {
    ...common,
    appId,
    clientId: `${t.tenantCode}-client`,
    clientSecret: encryptClientSecretForTest(randomBytes(24).toString("base64url"), seedKeys.publicKey),
    flag: 1,
    timeStamp: kitTime(),
  });
  await kit("allOrgSync", { ...common, orgInfoList: [t.org], timeStamp: kitTime() });
  await kit("authSync", {
    ...common,
    appId,
    currentSyncTime: kitTime(),
    flag: 1,
    timeStamp: kitTime(),
    userList: t.users.map((u) => ({ ...u, orgCode: t.org.orgCode, email: `${u.userName}@${t.tenantCode}.example.com` })),
  });
}

const password = env.EMULATOR_PASSWORD ? "<EMULATOR_PASSWORD>" : EMULATOR_DEFAULT_PASSWORD;
console.log(`[seed] demo data ready in ${db.label} (staff login: ${env.STAFF_USERNAME} / ${env.usingDevDefaults.includes("STAFF_PASSWORD") ? env.STAFF_PASSWORD : "<STAFF_PASSWORD>"})`);
console.log(`[seed] 联营账号 demo logins at ${appUrl}/login (OneAccess emulator: needs ONEACCESS_EMULATOR=1; password "${password}"):`);
for (const t of demoTenants) {
  const users = t.users.map((u) => `${u.userName} (${u.enable === "true" ? u.role : "disabled — refused"})`).join(", ");
  const note = "note" in t ? ` [${t.note}]` : "";
  console.log(`[seed]   ${t.name} — tenant code ${t.tenantCode}, instance ${t.instanceId}${note}: ${users}`);
}
await db.close();
