/**
 * The words of "Setup & health": every check's title, detail and fix as a stable key with
 * parameters (SetupText), and the English for each key. The checks carry the keys, so the staff
 * console words them in its language (src/i18n/admin/setup.ts: this English plus the Chinese);
 * the English strings of a check (its title/detail/fix, the boot log line, the tRPC output) are
 * rendered from the same table here. Pure module: no framework, no I/O.
 */

export const SETUP_MESSAGES = {
  // Shared fragments
  "setup.empty": "",
  "setup.configured": "configured",
  "setup.missing": "missing",
  "setup.never": "never",
  "setup.ago.min": "{n} min ago",
  "setup.ago.h": "{n} h ago",
  "setup.ago.days": "{n} days ago",
  // Production interface
  "setup.appUrl.ok.title": "APP_URL is https on a domain",
  "setup.appUrl.ok.detail": "APP_URL is {origin}.",
  "setup.appUrl.bad.title": "APP_URL is not https on a domain",
  "setup.appUrl.bad.detail": "APP_URL is {origin}: KooGallery rejects IP addresses and plain http{httpNote}{hostNote}.",
  "setup.appUrl.bad.http": " (this one is http)",
  "setup.appUrl.bad.host": " ({host} is not a public domain)",
  "setup.appUrl.bad.noHost": "no host",
  "setup.appUrl.bad.fix": "Serve the app over HTTPS on a domain name and set APP_URL to https://<your-domain>.",
  "setup.productionAddress.title": "Production address (生产系统接口地址)",
  "setup.productionAddress.detail": "Register this address in the seller console; Kit sync calls arrive under it at /produceAPI/v2/….",
  "setup.accessKey.dev.title": "KOOGALLERY_ACCESS_KEY is the development default",
  "setup.accessKey.dev.detail": "Requests signed by KooGallery will fail verification (000001) with the development key.",
  "setup.accessKey.dev.fix": "Create a key in 卖家中心 > 应用工具 > 密钥管理, bind it to 基础接口 and set KOOGALLERY_ACCESS_KEY to it.",
  "setup.accessKey.ok.title": "KOOGALLERY_ACCESS_KEY is set",
  "setup.accessKey.ok.detail": "Not the development default (the value is never shown).",
  "setup.kitKey.separate.title": "Kit key differs from the base key",
  "setup.kitKey.separate.detail": "KOOGALLERY_KIT_ACCESS_KEY verifies 联营SaaS同步接口 calls; KOOGALLERY_ACCESS_KEY the base calls.",
  "setup.kitKey.same.title": "Kit key is the base key",
  "setup.kitKey.same.detail": "KOOGALLERY_KIT_ACCESS_KEY is unset, so Kit sync calls are verified with KOOGALLERY_ACCESS_KEY.",
  "setup.kitKey.same.fix": "If you bound a different key to 联营SaaS同步接口, set KOOGALLERY_KIT_ACCESS_KEY to it.",
  "setup.window.detail": "Timestamps up to ±{seconds} s from this server's clock are accepted; nonces are remembered for {nonceSeconds} s.",
  "setup.window.wide.title": "Signature window is wide",
  "setup.window.wide.fix": "Keep the server clock on NTP and set KOOGALLERY_SIGNATURE_WINDOW_SECONDS back to 60.",
  "setup.window.narrow.title": "Signature window is narrow",
  "setup.window.narrow.detail": "{window} Small clock differences will refuse genuine calls (000001).",
  "setup.window.narrow.fix": "Set KOOGALLERY_SIGNATURE_WINDOW_SECONDS to 60 (the default).",
  "setup.window.ok.title": "Signature window ±{seconds} s",
  // Conformance probe
  "setup.conformance.none.title": "No conformance result reported",
  "setup.conformance.none.detail": "The marketplace re-runs your saved debug cases twice a day (拨测); a product whose cases keep failing is frozen or delisted.",
  "setup.conformance.none.fix": "Run `npm run conformance -- --probe --cases <file> --report-to <APP_URL>` from your monitoring (README \"Conformance runner\").",
  "setup.conformance.kind.probe": "probe",
  "setup.conformance.kind.run": "run",
  "setup.conformance.what.probe": "Probe ({mode}, {calls} calls) against {target}",
  "setup.conformance.what.run": "Run ({mode}, {calls} calls) against {target}",
  "setup.conformance.notGiven": "(not given)",
  "setup.conformance.failed.title": "Conformance {kind} failed {ago}",
  "setup.conformance.failed.detail": "{what} at {finishedAt}: {failed} failing call(s); first: {first}. Last pass: {lastPass}.",
  "setup.conformance.failed.fix": "Reproduce with `npm run conformance -- --url {target} --mode {mode} --seed {seed}` and fix the failing case: the marketplace's probe fails the same way.",
  "setup.conformance.passed.detail": "{what} passed at {finishedAt} ({ago}).",
  "setup.conformance.stale.title": "Conformance last passed {ago}",
  "setup.conformance.stale.detail": "{passed} No report since.",
  "setup.conformance.stale.fix": "Check that the scheduled probe still runs and can reach this app.",
  "setup.conformance.ok.title": "Conformance {kind} passed {ago}",
  // 联营 Kit and login
  "setup.rsa.fix": "Run `npm run keys:rsa`, upload the printed public key to the 应用凭证 and put the private key into KOOGALLERY_RSA_PRIVATE_KEY.",
  "setup.rsa.missing.title": "KOOGALLERY_RSA_PRIVATE_KEY is not set",
  "setup.rsa.missing.detail": "The key decrypts the clientSecret that applicationSync delivers (docs/protocol/kit.md#client-secret). Without it applicationSync answers 000101 and stores no app credential, so tenants synced from now on cannot sign in through their OneAccess (the login needs that secret, docs/protocol/login.md). Tenants that already have a credential, and the demo tenants of the built-in emulator, are not affected. Needed for 联营 products only.",
  "setup.rsa.unreadable.title": "KOOGALLERY_RSA_PRIVATE_KEY cannot be read",
  "setup.rsa.unreadable.detail": "It is not an unencrypted PEM or Base64 DER private key (PKCS#8 or PKCS#1).",
  "setup.rsa.notRsa.title": "KOOGALLERY_RSA_PRIVATE_KEY is not an RSA key",
  "setup.rsa.notRsa.detail": "It is a {type} key; the marketplace encrypts clientSecret with RSA-OAEP.",
  "setup.rsa.short.title": "RSA key is {bits} bits (needs ≥ {min})",
  "setup.rsa.short.detail": "The 应用凭证 requires RSA ≥ {min} bits. Public key SHA-256 {fingerprint}.",
  "setup.rsa.ok.title": "RSA key readable, {bits} bits",
  "setup.rsa.ok.detail": "Compare this public key with the one uploaded to the 应用凭证. SHA-256 {fingerprint}.",
  "setup.appId.ok.title": "KOOGALLERY_APP_ID is set",
  "setup.appId.ok.detail": "appId {appId}: unified login and the authSync grant check use it.",
  "setup.appId.missing.title": "KOOGALLERY_APP_ID is not set",
  "setup.appId.missing.detail": "No unified-login button; logins use the tenant's latest application without a grant check.",
  "setup.appId.missing.fix": "Put the 应用凭证's appId into KOOGALLERY_APP_ID.",
  "setup.loginCallback.title": "Login callback URL (OAuth2.0)",
  "setup.loginCallback.detail": "Set this as the login URL in the 应用凭证.",
  "setup.emulator.off.title": "OneAccess emulator is off",
  "setup.emulator.off.detail": "Customers sign in at their organisation's real OneAccess.",
  "setup.emulator.on.title": "OneAccess emulator is on",
  "setup.emulator.on.detail": "Anyone can sign in as a demo user at /dev/oneaccess/*.",
  "setup.emulator.on.fix": "Unset ONEACCESS_EMULATOR (or set it to false) on production servers.",
  // Billing
  "setup.queryOrder.on.title": "查询订单 is on",
  "setup.queryOrder.on.detail": "newInstance and upgrade learn product, SKU, charging mode, expiry and buyer.",
  "setup.queryOrder.off.title": "查询订单 is off",
  "setup.queryOrder.off.detail": "Every order gets BILLING_DEFAULT_PLAN, and packages of one buyer cannot pool.",
  "setup.queryOrder.off.fix": "Set KOOGALLERY_QUERY_ORDER=true with KOOGALLERY_OPENAPI_AK/SK.",
  "setup.credentials.detail": "AK {ak}, SK {sk}.",
  "setup.credentials.ok.title": "Open API AK/SK configured",
  "setup.credentials.missing.title": "Open API AK/SK not configured",
  "setup.credentials.missing.detail": "{credentials}{note}",
  "setup.credentials.missing.cannotSign": " 查询订单 cannot be signed.",
  "setup.credentials.missing.notNeeded": " Not needed while 查询订单 is off.",
  "setup.credentials.missing.fix": "Set KOOGALLERY_OPENAPI_AK and KOOGALLERY_OPENAPI_SK from 我的凭证 > 访问密钥.",
  "setup.usagePush.devKey.title": "Usage push is on, signed with the development key",
  "setup.usagePush.devKey.detail": "The marketplace will refuse pushes signed with the development default of KOOGALLERY_ACCESS_KEY.",
  "setup.usagePush.devKey.fix": "Set KOOGALLERY_ACCESS_KEY (or KOOGALLERY_USAGE_PUSH_KEY) to the 商家对接密钥.",
  "setup.usagePush.on.title": "Usage push is on",
  "setup.usagePush.on.detail": "Hourly usage records are pushed to 按需使用量推送(新).",
  "setup.usagePush.waiting.title": "Usage push is off with records waiting",
  "setup.usagePush.waiting.detail": "{n} usage record(s) wait in the outbox and are never reported to the marketplace.",
  "setup.usagePush.waiting.fix": "Set USAGE_PUSH_ENABLED=true so the worker pushes them.",
  "setup.usagePush.off.title": "Usage push is off",
  "setup.usagePush.off.detail": "Usage is aggregated and waits in the outbox; on-demand and package products need the push.",
  "setup.usagePush.off.fix": "Set USAGE_PUSH_ENABLED=true if you sell on-demand or package products.",
  "setup.endpoint.title": "Open API endpoint {origin}",
  "setup.endpoint.invalid": "(invalid)",
  "setup.endpoint.detail": "{kind}{unused}",
  "setup.endpoint.http": "Plain http: a local mock, not the marketplace.",
  "setup.endpoint.known": "A KooGallery open API host.",
  "setup.endpoint.unknown": "Not one of the KooGallery open API hosts.",
  "setup.endpoint.unused": " Not used while 查询订单 and the usage push are off.",
  "setup.endpoint.fix": "Set KOOGALLERY_OPENAPI_ENDPOINT to https://mkt.myhuaweicloud.com (intl: mkt-intl.myhuaweicloud.com, EU: mkt.myhuaweicloud.eu).",
  "setup.worker.on.title": "Billing worker runs in the server",
  "setup.worker.on.detail": "Aggregation, usage push and retention every {seconds} s in each server process.",
  "setup.worker.off.title": "Billing worker is not in the server",
  "setup.worker.off.detail": "BILLING_WORKER_IN_SERVER is off: nothing is aggregated, pushed or purged unless `npm run worker` runs.",
  "setup.worker.off.fix": "Run `npm run worker` as its own process (PostgreSQL), or set BILLING_WORKER_IN_SERVER=true.",
  // Traffic
  "setup.call.detail": "{activity} → {result} at {at} ({minutes} min ago){debug}.",
  "setup.call.noActivity": "(no activity)",
  "setup.call.noAnswer": "no answer yet",
  "setup.call.debug": ", a debug call",
  "setup.lastBase.ok.title": "Last base call received",
  "setup.lastBase.error.title": "The last base call was answered {code}",
  "setup.lastCall.error.fix": "Open the call in the call log and read its resultMsg; 000001 is a signature or key mismatch.",
  "setup.lastBase.none.title": "No base call received yet",
  "setup.lastBase.none.detail": "The call log holds no call to the production address.",
  "setup.lastBase.none.fix": "Register the production address and run the seller console's debug tool (or `npm run simulate -- lifecycle`).",
  "setup.lastKit.ok.title": "Last Kit call received",
  "setup.lastKit.error.title": "The last Kit call was answered {code}",
  "setup.lastKit.none.title": "No Kit call received yet",
  "setup.lastKit.none.detail": "Only 联营 products receive tenantSync, applicationSync and authSync calls.",
  "setup.errors.none.title": "No error answers in the last 24 h",
  "setup.errors.none.detail": "Every answered call in the last 24 h was 000000.",
  "setup.errors.some.title": "{n} error answer(s) in the last 24 h",
  "setup.errors.some.detail": "Calls answered with a resultCode other than 000000 (000001 is a signature or key mismatch).",
  "setup.errors.some.fix": "Open the call log, filter by result code and compare the keys if you see 000001.",
  "setup.outbox.detail": "{pending} pending, {sent} sent, {failed} dead letter(s){reasons}{oldest}.",
  "setup.outbox.reasons": " ({reasons})",
  "setup.outbox.oldest": "; the oldest pending hour closed {minutes} min ago",
  "setup.outbox.dead.title": "{n} usage record(s) in the dead letters",
  "setup.outbox.dead.fix": "Open Usage › Dead letters, read each reason and the marketplace's answer, fix the cause and re-queue.",
  "setup.outbox.behind.title": "Usage push is behind the 2-hour reporting window",
  "setup.outbox.behind.fix": "Check that the billing worker runs and that the open API endpoint answers (see Usage).",
  "setup.outbox.ok.title": "Usage push outbox",
  "setup.alerts.none.title": "No usage push alerts",
  "setup.alerts.none.detail": "The marketplace has not refused our signature, key or data.",
  "setup.alerts.title": "Usage push: the marketplace answers {code} ({meaning})",
  "setup.alerts.detail": "{alerts}.",
  "setup.alerts.item": "{code} {meaning} ({kind}): {pending} record(s) waiting, {failed} dead letter(s)",
  "setup.alerts.kind.signature": "signature",
  "setup.alerts.kind.key": "key",
  "setup.alerts.kind.data": "data",
  "setup.alerts.fix.signature": "Check KOOGALLERY_USAGE_PUSH_KEY: the 商家密钥 bound to 基础接口 in the seller console (the push is not AK/SK-signed).",
  "setup.alerts.fix.key": "Check that KOOGALLERY_USAGE_PUSH_KEY is this seller's key, still valid and bound to 基础接口.",
  "setup.alerts.fix.data": "Open Usage › Dead letters: the marketplace refused the records' content; fix what produced them, then re-queue.",
} as const;

export type SetupMessageKey = keyof typeof SETUP_MESSAGES;

/**
 * One text of a check: a key and its parameters. A parameter is a value (an origin, a count, an
 * id — shown as is), another text (a phrase that is itself translated), or a list of texts
 * (joined with "; "). `en`: the English when the key is another table's (a marketplace answer
 * code's meaning, translated by the console's usage area), for the English rendering here.
 */
export interface SetupText {
  key: string;
  params?: Record<string, SetupParam>;
  en?: string;
}
export type SetupParam = string | number | SetupText | SetupText[];

export function text(key: SetupMessageKey, params?: Record<string, SetupParam>): SetupText {
  return params ? { key, params } : { key };
}

/** The meaning of a marketplace answer code (MKT.*): the console translates it in its usage area. */
export function mktMeaningText(code: string, meaning: string): SetupText {
  return { key: `usage.mkt.${code}`, en: meaning };
}

/** The words of a text with a translator for its keys; `lookup` returns null for a key it does not know. */
export function renderSetupText(t: SetupText, lookup: (key: string, vars: Record<string, string>) => string | null): string {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(t.params ?? {})) {
    vars[name] = Array.isArray(value)
      ? value.map((v) => renderSetupText(v, lookup)).join("; ")
      : typeof value === "object"
        ? renderSetupText(value, lookup)
        : String(value);
  }
  return lookup(t.key, vars) ?? t.en ?? t.key;
}

function isSetupKey(key: string): key is SetupMessageKey {
  return Object.hasOwn(SETUP_MESSAGES, key);
}

/** Replaces `{name}` with vars (unknown placeholders stay visible), as the dictionaries do. */
function fill(message: string, vars: Record<string, string>): string {
  return message.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole));
}

/** The English of a text (the check's title/detail/fix strings, the boot log). */
export function englishOf(t: SetupText): string {
  return renderSetupText(t, (key, vars) => (isSetupKey(key) ? fill(SETUP_MESSAGES[key], vars) : null));
}
