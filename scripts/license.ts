/**
 * npm run license -- activate <code> [--effective yyyyMMddHHmmss] [--json]
 * npm run license -- heartbeat <code> [--json]
 *
 * Tries a 授权码 against the License open APIs (激活授权码 / 查询授权码) — e.g. the test codes you
 * apply for in the seller centre, which then show as 已激活 / 已检测 there. Signed with
 * KOOGALLERY_OPENAPI_AK/SK (我的凭证 > 访问密钥) against KOOGALLERY_OPENAPI_ENDPOINT (or --endpoint;
 * `npm run mock:openapi` serves MOCK-LIC-* test codes locally). Prints the parsed answer, or the
 * typed error with what to check. Exit 0 = success, 1 = the API refused or could not be reached,
 * 2 = bad usage or configuration. Nothing is written to the app's database (the staff page's
 * Activate / Heartbeat buttons record their answers).
 */
import { EnvError, getEnv } from "~/env";
import { LicenseApiError, type LicenseErrorKind } from "~/koogallery/license-api-errors";
import { createLicenseClient } from "~/koogallery/license-client";
import { parseCli } from "./cli-args";

const HINTS: Record<LicenseErrorKind, string> = {
  INTERNAL_ERROR: "the marketplace failed internally; try again later",
  INVALID_PARAM: "the code or real_effect_time was refused as invalid (real_effect_time must not be before the order)",
  ILLEGAL_STATE: "the code is not in a state for this call (already activated? expired or released?)",
  NOT_RECEIVED: "the buyer has not received the code yet (我的云商店 > 已购买资源)",
  NOT_EXIST: "the marketplace does not know this code; check for typos and the endpoint (China / intl / EU site)",
  NOT_ACTIVATED: "activate the code first: npm run license -- activate <code>",
  INVALID_CODE_IN_BATCH: "a code of the batch is invalid",
  REQUEST_REJECTED: "the API gateway refused the request itself (method, content type or body)",
  AUTH_FAILED: "check KOOGALLERY_OPENAPI_AK/SK (我的凭证 > 访问密钥) and this machine's clock",
  UNREACHABLE: "check KOOGALLERY_OPENAPI_ENDPOINT and the network",
  UNEXPECTED_ANSWER: "the answer was not in the documented shape; see the message",
};

const USAGE = "usage: npm run license -- activate|heartbeat <code> [--effective yyyyMMddHHmmss] [--endpoint URL] [--json]";

const { values: opt, positionals } = parseCli(
  {
    allowPositionals: true,
    options: { effective: { type: "string" }, endpoint: { type: "string" }, json: { type: "boolean", default: false } },
  },
  USAGE,
);
const [command, code] = positionals;
if ((command !== "activate" && command !== "heartbeat") || !code || positionals.length > 2 || (opt.effective && command !== "activate")) {
  console.error(USAGE);
  process.exit(2);
}

let client;
try {
  const env = getEnv();
  if (!env.KOOGALLERY_OPENAPI_AK || !env.KOOGALLERY_OPENAPI_SK) {
    console.error("set KOOGALLERY_OPENAPI_AK and KOOGALLERY_OPENAPI_SK (我的凭证 > 访问密钥); npm run mock:openapi prints the ones of the local mock");
    process.exit(2);
  }
  client = createLicenseClient({ endpoint: opt.endpoint ?? env.KOOGALLERY_OPENAPI_ENDPOINT, ak: env.KOOGALLERY_OPENAPI_AK, sk: env.KOOGALLERY_OPENAPI_SK });
} catch (err) {
  console.error(err instanceof EnvError || err instanceof TypeError ? err.message : err);
  process.exit(2);
}

const utc = (d: Date | undefined) => (d ? `${d.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—");
const print = (rows: Array<[string, unknown]>) => rows.forEach(([k, v]) => console.log(`  ${k.padEnd(18)} ${typeof v === "string" ? v : JSON.stringify(v)}`));

try {
  if (command === "activate") {
    const r = await client.activate(code, opt.effective);
    if (opt.json) console.log(JSON.stringify({ ok: true, license: code, licenseCodeInfo: r.info.raw }));
    else {
      console.log(`激活授权码 ${code} → 92020000 ${r.errorMsg}`);
      print([["status", r.info.status ?? "—"], ["expire_time", `${utc(r.info.expireTime)} (an estimate: the heartbeat is authoritative)`], ["product_id", r.info.productId ?? "—"], ["amount", r.info.amount ?? "—"], ["order_id", r.info.orderId ?? "—"], ["license_code_info", r.licenseCodeInfoText]]);
    }
  } else {
    const r = await client.heartbeat(code);
    if (opt.json) console.log(JSON.stringify({ ok: true, license: code, data: r.raw }));
    else {
      console.log(`查询授权码 ${code} → 92020000 ${r.errorMsg}`);
      print([["status", r.status], ["activate_time", utc(r.activateTime)], ["expire_time", utc(r.expireTime)], ["data", r.raw]]);
      if (r.status !== "ALIVE") console.log("  → the software should block and send the user to KooGallery to renew");
    }
  }
} catch (err) {
  if (!(err instanceof LicenseApiError)) throw err;
  if (opt.json) console.log(JSON.stringify({ ok: false, license: code, code: err.code, kind: err.kind, message: err.message, retryable: err.retryable }));
  else {
    console.log(`${command === "activate" ? "激活授权码" : "查询授权码"} ${code} → ${err.name}`);
    print([["code", err.code], ["http", err.httpStatus || "—"], ["message", err.message], ["hint", HINTS[err.kind]]]);
  }
  process.exitCode = 1;
}
