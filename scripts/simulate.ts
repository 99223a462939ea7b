/**
 * npm run simulate -- <command> …   A KooGallery simulator: sends correctly signed calls to a
 * running app (yours, or a staging deployment) so you can rehearse every scenario before the
 * seller console's debug tool does.
 *
 *   npm run simulate -- new                         newInstance for a fresh order
 *   npm run simulate -- query <id[,id…]>            queryInstance
 *   npm run simulate -- renew <id> [--expire yyyyMMddHHmmss] [--scene RENEWAL]
 *   npm run simulate -- freeze <id> | unfreeze <id> | upgrade <id> | release <id>
 *   npm run simulate -- lifecycle                   buy → query → renew → freeze → unfreeze →
 *                                                   upgrade → release, with duplicates, a replay,
 *                                                   stale/future timestamps and a tampered body
 *   npm run simulate -- kit <tenantId>              tenantSync + applicationSync (needs --public-key)
 *                                                   + allOrgSync + authSync for two users
 *   npm run simulate -- license …                   License callbacks (renew, freeze, unfreeze, release,
 *                                                   lifecycle, debug: the console's repeat-everything
 *                                                   run in random order) — see scripts/simulate-license.ts
 *   npm run simulate -- buy --sku <skuCode> [--customer <id>] [--days N]
 *                                                   registers the order in the open-API mock
 *                                                   (npm run mock:openapi; --mock URL) as 查询订单
 *                                                   will answer it, then sends newInstance — for an
 *                                                   app running with KOOGALLERY_QUERY_ORDER=1 against
 *                                                   that mock. Same --customer + a package SKU =
 *                                                   a top-up of that buyer's account.
 * Options: --url (default $APP_URL/api/marketplace), --key (default KOOGALLERY_ACCESS_KEY),
 *          --kit-key (default KOOGALLERY_KIT_ACCESS_KEY), --test (testFlag=1),
 *          for `license`: --key defaults to KOOGALLERY_LICENSE_ACCESS_KEY, --seed, --rounds,
 *          --public-key <pem file> (to encrypt the Kit clientSecret), --domain <OneAccess domain>.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { getEnv, productionAddress } from "~/env";
import { signedBaseRequest, signedKitRequest } from "~/koogallery/client";
import { encryptClientSecretForTest } from "~/koogallery/rsa";
import { formatKitTimestamp } from "~/koogallery/time";
import { emulatorDomainName } from "~/dev/oneaccess-emulator";
import { orderTermsForSku, type SkuOrderTerms } from "~/dev/openapi-mock/sku-order";
import { CATALOG } from "~/server/billing/catalog";
import { parseCli, usageFromHeader } from "./cli-args";
import { runLicenseSimulation, UsageError } from "./simulate-license";

const USAGE = usageFromHeader(import.meta.url);

const { values: opt, positionals } = parseCli({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    key: { type: "string" },
    "kit-key": { type: "string" },
    test: { type: "boolean", default: false },
    expire: { type: "string" },
    scene: { type: "string", default: "RENEWAL" },
    "public-key": { type: "string" },
    domain: { type: "string" },
    secret: { type: "string", default: "demo-client-secret" },
    sku: { type: "string" },
    customer: { type: "string" },
    days: { type: "string" },
    mock: { type: "string", default: `http://127.0.0.1:${process.env.MOCK_OPENAPI_PORT || "3199"}` },
    seed: { type: "string" },
    rounds: { type: "string" },
  },
}, USAGE);
const env = getEnv();
const url = opt.url ?? productionAddress(env);
const key = opt.key ?? env.KOOGALLERY_ACCESS_KEY;
const kitKey = opt["kit-key"] ?? env.KOOGALLERY_KIT_ACCESS_KEY;
const testFlag = opt.test ? { testFlag: "1" } : {};

type Json = Record<string, unknown> & { resultCode?: string; resultMsg?: string };

async function send(label: string, body: Record<string, unknown>, tweak: { nowMs?: number; nonce?: string; tamper?: boolean } = {}): Promise<Json> {
  const req = signedBaseRequest({ baseUrl: url, accessKey: key, body: { ...body, ...testFlag }, nowMs: tweak.nowMs, nonce: tweak.nonce });
  const started = performance.now();
  const res = await fetch(req.url, { method: "POST", headers: req.headers, body: tweak.tamper ? req.body.replace(/"}$/, 'X"}') : req.body });
  const text = await res.text();
  const json = JSON.parse(text) as Json;
  console.log(`${label.padEnd(34)} HTTP ${res.status}  ${json.resultCode}  ${String(json.resultMsg ?? "").slice(0, 60).padEnd(60)} ${Math.round(performance.now() - started)} ms`);
  return json;
}

async function sendKit(kind: string, body: Record<string, unknown>): Promise<Json> {
  const req = signedKitRequest({ baseUrl: url, path: `/produceAPI/v2/${kind}`, accessKey: kitKey, body });
  const res = await fetch(req.url, { method: "POST", headers: req.headers, body: req.body });
  const json = (await res.json()) as Json;
  console.log(`${kind.padEnd(34)} HTTP ${res.status}  ${json.resultCode}  ${json.resultMsg}`);
  return json;
}

function order() {
  const id = `CSSIM${Date.now().toString(36).toUpperCase()}${randomBytes(2).toString("hex").toUpperCase()}`;
  return { orderId: id, orderLineId: `${id}-000001`, businessId: randomBytes(16).toString("hex") };
}

const kitTime = () => formatKitTimestamp(new Date());
const [command, arg] = positionals;
const need = (v: string | undefined, what: string) => {
  if (!v) {
    console.error(`missing ${what}; see the header of scripts/simulate.ts`);
    process.exit(2);
  }
  return v;
};

console.log(`→ ${url}${opt.test ? "  (testFlag=1)" : ""}`);
switch (command) {
  case "new":
    console.log(await send("newInstance", { activity: "newInstance", ...order() }));
    break;
  case "query":
    console.log(JSON.stringify(await send("queryInstance", { activity: "queryInstance", instanceId: need(arg, "instanceId") }), null, 2));
    break;
  case "renew":
    await send(`refreshInstance ${opt.scene}`, {
      activity: "refreshInstance", instanceId: need(arg, "instanceId"), scene: opt.scene, ...order(), expireTime: opt.expire ?? "20301231160000",
    });
    break;
  case "freeze":
  case "unfreeze":
    await send(`updateInstanceStatus ${command}`, { activity: "updateInstanceStatus", instanceId: need(arg, "instanceId"), status: command.toUpperCase() });
    break;
  case "upgrade":
    await send("upgradeInstance", { activity: "upgradeInstance", instanceId: need(arg, "instanceId"), ...order() });
    break;
  case "release":
    await send("releaseInstance", { activity: "releaseInstance", instanceId: need(arg, "instanceId") });
    break;
  case "lifecycle": {
    const o = order();
    const created = await send("newInstance", { activity: "newInstance", ...o });
    const id = String(created.instanceId);
    console.log(`${"".padEnd(34)} instance ${id} — its calls and lifecycle: /admin/instances/${encodeURIComponent(id)}`);
    await send("newInstance (redelivered)", { activity: "newInstance", ...o, businessId: randomBytes(16).toString("hex") });
    await send("queryInstance", { activity: "queryInstance", instanceId: id });
    const renew = { activity: "refreshInstance", instanceId: id, scene: "RENEWAL", ...order(), expireTime: "20301231160000" };
    await send("refreshInstance RENEWAL", renew);
    await send("refreshInstance (redelivered)", renew);
    await send("updateInstanceStatus FREEZE", { activity: "updateInstanceStatus", instanceId: id, status: "FREEZE" });
    await send("updateInstanceStatus FREEZE again", { activity: "updateInstanceStatus", instanceId: id, status: "FREEZE" });
    await send("updateInstanceStatus UNFREEZE", { activity: "updateInstanceStatus", instanceId: id, status: "UNFREEZE" });
    await send("upgradeInstance", { activity: "upgradeInstance", instanceId: id, ...order() });
    const nonce = randomBytes(32).toString("hex");
    await send("queryInstance (nonce N)", { activity: "queryInstance", instanceId: id }, { nonce });
    await send("replay of nonce N → 000001", { activity: "queryInstance", instanceId: id }, { nonce });
    await send("stale timestamp → 000001", { activity: "queryInstance", instanceId: id }, { nowMs: Date.now() - 120_000 });
    await send("future timestamp → 000001", { activity: "queryInstance", instanceId: id }, { nowMs: Date.now() + 120_000 });
    await send("tampered body → 000001", { activity: "queryInstance", instanceId: id }, { tamper: true });
    await send("releaseInstance", { activity: "releaseInstance", instanceId: id });
    await send("releaseInstance again", { activity: "releaseInstance", instanceId: id });
    await send("UNFREEZE after release → 000003", { activity: "updateInstanceStatus", instanceId: id, status: "UNFREEZE" });
    break;
  }
  case "kit": {
    const tenantId = need(arg, "tenantId");
    const instanceId = "";
    const domain = opt.domain ?? emulatorDomainName(env.APP_URL, tenantId);
    await sendKit("tenantSync", { instanceId, orderId: "", tenantId, tenantCode: tenantId, name: `Demo ${tenantId}`, domainName: domain, flag: 1, testFlag: 0, timeStamp: kitTime() });
    if (opt["public-key"]) {
      const pem = readFileSync(opt["public-key"], "utf8");
      await sendKit("applicationSync", { instanceId, tenantId, appId: `${tenantId}-app`, clientId: `${tenantId}-client`, clientSecret: encryptClientSecretForTest(opt.secret, pem), flag: 1, testFlag: 0, timeStamp: kitTime() });
    } else console.log("applicationSync skipped (pass --public-key <pem> to encrypt the clientSecret)");
    await sendKit("allOrgSync", { instanceId, tenantId, orgInfoList: [{ orgCode: "10000", orgName: "总部" }, { orgCode: "10001", orgName: "研发部", parentCode: "10000" }], testFlag: 0, timeStamp: kitTime() });
    await sendKit("authSync", {
      instanceId, tenantId, appId: `${tenantId}-app`, currentSyncTime: kitTime(), flag: 1, testFlag: 0, timeStamp: kitTime(),
      userList: [
        { userName: "zhangsan", name: "张三", orgCode: "10001", role: "admin", enable: "true" },
        { userName: "lisi", name: "李四", orgCode: "10001", role: "user", enable: "true" },
      ],
    });
    break;
  }
  case "buy": {
    const sku = need(opt.sku, "--sku <skuCode> (one of the catalog's match.skuCode)");
    let terms: SkuOrderTerms;
    try {
      terms = orderTermsForSku(sku, CATALOG.plans);
    } catch (err) {
      console.error((err as Error).message);
      process.exit(2);
    }
    const { planId, billingMode, chargingMode } = terms;
    const days = opt.days ? Number(opt.days) : terms.validDays;
    const o = order();
    const customerId = opt.customer ?? `sim-customer-${randomBytes(3).toString("hex")}`;
    const registered = await fetch(`${opt.mock}/__mock/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId: o.orderId, orderType: "NEW", chargingMode, skuCode: sku, customerId, ...(days === undefined ? {} : { validDays: days }) }),
    }).catch((err: Error) => {
      console.error(`the open-API mock at ${opt.mock} is not reachable (${err.message}); start it with npm run mock:openapi`);
      process.exit(2);
    });
    if (!registered.ok) {
      console.error(`the mock refused the order: HTTP ${registered.status} ${await registered.text()}`);
      process.exit(2);
    }
    console.log(`order ${o.orderId}: ${sku} → plan ${planId} (${billingMode}), buyer ${customerId}`);
    console.log(await send("newInstance", { activity: "newInstance", ...o }));
    break;
  }
  case "license":
    try {
      const licenseKey = opt.key ?? env.KOOGALLERY_LICENSE_ACCESS_KEY;
      process.exitCode = await runLicenseSimulation(positionals.slice(1), { url, key: licenseKey, test: opt.test, expire: opt.expire, scene: opt.scene, seed: opt.seed, rounds: opt.rounds });
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      console.error(err.message);
      process.exit(2);
    }
    break;
  default:
    console.error("usage: npm run simulate -- new|query|renew|freeze|unfreeze|upgrade|release|lifecycle|kit|buy|license … (npm run simulate -- --help)");
    process.exit(2);
}
