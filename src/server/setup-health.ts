/**
 * "Setup & health" (/admin): every setting that can silently go wrong between this app and the
 * KooGallery seller console, checked one by one, each with OK / warning / problem and the fix in
 * one sentence — plus what actually arrived (the call log, instances, tenants, the usage push).
 *
 * Framework-free on purpose: `configChecks(env)` needs only the parsed environment (the boot
 * warning in src/instrumentation.ts runs it before the database is up), `setupHealth(prisma, env,
 * nowMs)` adds the traffic figures. Secrets never leave this module: a check says *whether* a key
 * is set, shows a fingerprint or a public key, and never a key, secret or credential itself.
 */
import { createHash, createPublicKey } from "node:crypto";
import { appBaseUrl, DEV_DEFAULTS, type Env } from "~/env";
import type { InstanceStatus, PrismaClient } from "~/generated/prisma/client";
import { loadPrivateKey } from "~/koogallery/rsa";
import { oneAccessCallbackUrl } from "~/server/auth/login-state";
// The outbox definitions the staff usage view uses (usage-admin.ts summary), so both pages agree.
import { pushHealth, type DeadReason, type PushAlert, type PushStatus } from "~/server/billing/push-health";
import { conformanceCheck } from "~/server/conformance/health";

export const CHECK_STATUSES = ["ok", "warn", "problem", "info"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CHECK_AREAS = ["interface", "kit", "billing", "traffic"] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

export const AREA_TITLES: Record<CheckArea, string> = {
  interface: "Production interface (基础接口)",
  kit: "联营 Kit & login",
  billing: "Billing",
  traffic: "Traffic",
};

export interface SetupCheck {
  id: string;
  area: CheckArea;
  status: CheckStatus;
  title: string;
  detail: string;
  /** What to do, in one sentence (absent when nothing needs doing). */
  fix?: string;
  /** Text to copy into the seller console: an address or a public key. Never a secret. */
  value?: string;
}

export const INSTANCE_STATUSES = ["ACTIVE", "FROZEN", "RELEASED"] as const satisfies readonly InstanceStatus[];

export interface LastCall {
  receivedAt: Date;
  activity: string | null;
  /** Null while the call is still being answered. */
  resultCode: string | null;
  isTest: boolean;
}

export interface TrafficFigures {
  lastBaseCall: LastCall | null;
  lastKitCall: LastCall | null;
  /** Answered calls (both channels) in the last 24 h whose resultCode was not 000000. */
  errorAnswers24h: number;
  instancesByStatus: Record<(typeof INSTANCE_STATUSES)[number], number>;
  /** Organisations bound by tenantSync and not deleted since. */
  tenantsSynced: number;
  tenantsDeleted: number;
  push: {
    counts: Record<PushStatus, number>;
    /** Since the oldest PENDING record's hour closed (as on /admin/usage); null when none waits. */
    oldestPendingAgeMs: number | null;
    /** Dead letters (FAILED) per reason. */
    deadByReason: Record<DeadReason, number>;
    /** The marketplace refusing our signature, key or data (docs/billing.md §6). */
    alerts: PushAlert[];
  };
}

export interface RsaPublicKeyInfo {
  /** SPKI PEM derived from KOOGALLERY_RSA_PRIVATE_KEY: must equal what the 应用凭证 holds. */
  pem: string;
  /** SHA-256 of the SPKI DER, colon-separated hex (`openssl pkey -pubin -outform DER | openssl dgst -sha256 -c`). */
  fingerprintSha256: string;
  modulusBits: number;
}

export interface SetupHealth {
  generatedAt: Date;
  production: boolean;
  /** `{APP_URL}/api/marketplace`: the 生产系统接口地址 to register. */
  productionAddress: string;
  /** `{APP_URL}/api/auth/callback/oneaccess`: the 应用凭证 login (OAuth2.0 callback) URL. */
  loginCallbackUrl: string;
  rsaPublicKey: RsaPublicKeyInfo | null;
  checks: SetupCheck[];
  counts: Record<CheckStatus, number>;
  traffic: TrafficFigures;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The marketplace wants usage within 2 hours of the hour's end (docs/billing.md §6). */
const REPORTING_WINDOW_MS = 2 * HOUR;
const MIN_RSA_BITS = 3072;
const KNOWN_OPENAPI_HOSTS = ["mkt.myhuaweicloud.com", "mkt-intl.myhuaweicloud.com", "mkt.myhuaweicloud.eu"];

const isProduction = (env: Env) => env.NODE_ENV === "production";
/** `problem` in production, `dev` (warn or info) otherwise. */
const severe = (env: Env, dev: CheckStatus = "warn"): CheckStatus => (isProduction(env) ? "problem" : dev);
/** `warn` in production, `info` otherwise. */
const advisory = (env: Env): CheckStatus => (isProduction(env) ? "warn" : "info");

export function productionAddress(env: Env): string {
  return `${appBaseUrl(env)}/api/marketplace`;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Scheme, host and port only — never user info, path or query of a configured URL. */
export function originOf(url: string): string | null {
  return parseUrl(url)?.origin ?? null;
}

function isIpHost(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[") || hostname.includes(":");
}

function accessKeyIsDevDefault(env: Env): boolean {
  return env.usingDevDefaults.includes("KOOGALLERY_ACCESS_KEY") || env.KOOGALLERY_ACCESS_KEY === DEV_DEFAULTS.KOOGALLERY_ACCESS_KEY;
}

/** The usage-push key defaults to KOOGALLERY_ACCESS_KEY, which itself has a development default. */
export function pushKeyIsDevDefault(env: Env): boolean {
  return accessKeyIsDevDefault(env) && env.KOOGALLERY_USAGE_PUSH_KEY === env.KOOGALLERY_ACCESS_KEY;
}

/** The public half of KOOGALLERY_RSA_PRIVATE_KEY, or why it cannot be used. */
export function inspectRsaKey(pem: string | undefined):
  | { state: "missing" }
  | { state: "unreadable" }
  | { state: "not-rsa"; type: string }
  | { state: "ok"; key: RsaPublicKeyInfo } {
  if (!pem) return { state: "missing" };
  let publicKey;
  try {
    publicKey = createPublicKey(loadPrivateKey(pem));
  } catch {
    return { state: "unreadable" };
  }
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (publicKey.asymmetricKeyType !== "rsa" || !bits) return { state: "not-rsa", type: publicKey.asymmetricKeyType ?? "unknown" };
  const der = publicKey.export({ type: "spki", format: "der" });
  const hex = createHash("sha256").update(der).digest("hex");
  return {
    state: "ok",
    key: {
      pem: String(publicKey.export({ type: "spki", format: "pem" })).trim(),
      fingerprintSha256: hex.match(/../g)!.join(":"),
      modulusBits: bits,
    },
  };
}

function interfaceChecks(env: Env): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "interface" as const;

  const url = parseUrl(env.APP_URL);
  const https = url?.protocol === "https:";
  const host = url?.hostname ?? "";
  const domain = host !== "" && !isIpHost(host) && host.includes(".") && host !== "localhost";
  checks.push(
    https && domain
      ? { id: "app-url", area, status: "ok", title: "APP_URL is https on a domain", detail: `APP_URL is ${url?.origin}.` }
      : {
          id: "app-url",
          area,
          status: severe(env),
          title: "APP_URL is not https on a domain",
          detail: `APP_URL is ${url?.origin ?? env.APP_URL}: KooGallery rejects IP addresses and plain http${!https ? " (this one is http)" : ""}${!domain ? ` (${host || "no host"} is not a public domain)` : ""}.`,
          fix: "Serve the app over HTTPS on a domain name and set APP_URL to https://<your-domain>.",
        },
  );

  checks.push({
    id: "production-address",
    area,
    status: "info",
    title: "Production address (生产系统接口地址)",
    detail: "Register this address in the seller console; Kit sync calls arrive under it at /produceAPI/v2/….",
    value: productionAddress(env),
  });

  checks.push(
    accessKeyIsDevDefault(env)
      ? {
          id: "access-key",
          area,
          status: severe(env),
          title: "KOOGALLERY_ACCESS_KEY is the development default",
          detail: "Requests signed by KooGallery will fail verification (000001) with the development key.",
          fix: "Create a key in 卖家中心 > 应用工具 > 密钥管理, bind it to 基础接口 and set KOOGALLERY_ACCESS_KEY to it.",
        }
      : { id: "access-key", area, status: "ok", title: "KOOGALLERY_ACCESS_KEY is set", detail: "Not the development default (the value is never shown)." },
  );

  const separateKit = env.KOOGALLERY_KIT_ACCESS_KEY !== env.KOOGALLERY_ACCESS_KEY;
  checks.push({
    id: "kit-key",
    area,
    status: "info",
    title: separateKit ? "Kit key differs from the base key" : "Kit key is the base key",
    detail: separateKit
      ? "KOOGALLERY_KIT_ACCESS_KEY verifies 联营SaaS同步接口 calls; KOOGALLERY_ACCESS_KEY the base calls."
      : "KOOGALLERY_KIT_ACCESS_KEY is unset, so Kit sync calls are verified with KOOGALLERY_ACCESS_KEY.",
    fix: separateKit ? undefined : "If you bound a different key to 联营SaaS同步接口, set KOOGALLERY_KIT_ACCESS_KEY to it.",
  });

  const win = env.KOOGALLERY_SIGNATURE_WINDOW_SECONDS;
  const winDetail = `Timestamps up to ±${win} s from this server's clock are accepted; nonces are remembered for ${2 * win} s.`;
  checks.push(
    win > 300
      ? {
          id: "signature-window",
          area,
          status: "warn",
          title: "Signature window is wide",
          detail: winDetail,
          fix: "Keep the server clock on NTP and set KOOGALLERY_SIGNATURE_WINDOW_SECONDS back to 60.",
        }
      : win < 15
        ? {
            id: "signature-window",
            area,
            status: "warn",
            title: "Signature window is narrow",
            detail: `${winDetail} Small clock differences will refuse genuine calls (000001).`,
            fix: "Set KOOGALLERY_SIGNATURE_WINDOW_SECONDS to 60 (the default).",
          }
        : { id: "signature-window", area, status: "ok", title: `Signature window ±${win} s`, detail: winDetail },
  );
  return checks;
}

function kitChecks(env: Env, rsa: ReturnType<typeof inspectRsaKey>): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "kit" as const;
  const keyFix = "Run `npm run keys:rsa`, upload the printed public key to the 应用凭证 and put the private key into KOOGALLERY_RSA_PRIVATE_KEY.";
  switch (rsa.state) {
    case "missing":
      checks.push({
        id: "rsa-key",
        area,
        status: severe(env),
        title: "KOOGALLERY_RSA_PRIVATE_KEY is not set",
        detail: "The key decrypts the clientSecret that applicationSync delivers (docs/protocol/kit.md#client-secret). Without it applicationSync answers 000101 and stores no app credential, so tenants synced from now on cannot sign in through their OneAccess (the login needs that secret, docs/protocol/login.md). Tenants that already have a credential, and the demo tenants of the built-in emulator, are not affected. Needed for 联营 products only.",
        fix: keyFix,
      });
      break;
    case "unreadable":
      checks.push({
        id: "rsa-key",
        area,
        status: "problem",
        title: "KOOGALLERY_RSA_PRIVATE_KEY cannot be read",
        detail: "It is not an unencrypted PEM or Base64 DER private key (PKCS#8 or PKCS#1).",
        fix: keyFix,
      });
      break;
    case "not-rsa":
      checks.push({
        id: "rsa-key",
        area,
        status: "problem",
        title: "KOOGALLERY_RSA_PRIVATE_KEY is not an RSA key",
        detail: `It is a ${rsa.type} key; the marketplace encrypts clientSecret with RSA-OAEP.`,
        fix: keyFix,
      });
      break;
    case "ok": {
      const { modulusBits, fingerprintSha256, pem } = rsa.key;
      checks.push(
        modulusBits < MIN_RSA_BITS
          ? {
              id: "rsa-key",
              area,
              status: "problem",
              title: `RSA key is ${modulusBits} bits (needs ≥ ${MIN_RSA_BITS})`,
              detail: `The 应用凭证 requires RSA ≥ ${MIN_RSA_BITS} bits. Public key SHA-256 ${fingerprintSha256}.`,
              fix: keyFix,
              value: pem,
            }
          : {
              id: "rsa-key",
              area,
              status: "ok",
              title: `RSA key readable, ${modulusBits} bits`,
              detail: `Compare this public key with the one uploaded to the 应用凭证. SHA-256 ${fingerprintSha256}.`,
              value: pem,
            },
      );
    }
  }

  checks.push(
    env.KOOGALLERY_APP_ID
      ? { id: "app-id", area, status: "ok", title: "KOOGALLERY_APP_ID is set", detail: `appId ${env.KOOGALLERY_APP_ID}: unified login and the authSync grant check use it.` }
      : {
          id: "app-id",
          area,
          status: advisory(env),
          title: "KOOGALLERY_APP_ID is not set",
          detail: "No unified-login button; logins use the tenant's latest application without a grant check.",
          fix: "Put the 应用凭证's appId into KOOGALLERY_APP_ID.",
        },
  );

  checks.push({
    id: "login-callback",
    area,
    status: "info",
    title: "Login callback URL (OAuth2.0)",
    detail: "Set this as the login URL in the 应用凭证.",
    value: oneAccessCallbackUrl(env),
  });

  checks.push(
    !env.ONEACCESS_EMULATOR
      ? { id: "oneaccess-emulator", area, status: "ok", title: "OneAccess emulator is off", detail: "Customers sign in at their organisation's real OneAccess." }
      : {
          id: "oneaccess-emulator",
          area,
          status: isProduction(env) ? "problem" : "info",
          title: "OneAccess emulator is on",
          detail: "Anyone can sign in as a demo user at /dev/oneaccess/*.",
          fix: isProduction(env) ? "Unset ONEACCESS_EMULATOR (or set it to false) on production servers." : undefined,
        },
  );
  return checks;
}

/** `pending`: PENDING outbox records, or null when not known (boot, without the database). */
function billingChecks(env: Env, pending: number | null): SetupCheck[] {
  const checks: SetupCheck[] = [];
  const area = "billing" as const;
  const queryOrder = env.KOOGALLERY_QUERY_ORDER;
  const ak = Boolean(env.KOOGALLERY_OPENAPI_AK);
  const sk = Boolean(env.KOOGALLERY_OPENAPI_SK);

  checks.push(
    queryOrder
      ? { id: "query-order", area, status: "ok", title: "查询订单 is on", detail: "newInstance and upgrade learn product, SKU, charging mode, expiry and buyer." }
      : {
          id: "query-order",
          area,
          status: advisory(env),
          title: "查询订单 is off",
          detail: "Every order gets BILLING_DEFAULT_PLAN, and packages of one buyer cannot pool.",
          fix: "Set KOOGALLERY_QUERY_ORDER=true with KOOGALLERY_OPENAPI_AK/SK.",
        },
  );

  const credDetail = `AK ${ak ? "configured" : "missing"}, SK ${sk ? "configured" : "missing"}.`;
  checks.push(
    ak && sk
      ? { id: "openapi-credentials", area, status: "ok", title: "Open API AK/SK configured", detail: credDetail }
      : {
          id: "openapi-credentials",
          area,
          status: queryOrder ? "problem" : "info",
          title: "Open API AK/SK not configured",
          detail: `${credDetail}${queryOrder ? " 查询订单 cannot be signed." : " Not needed while 查询订单 is off."}`,
          fix: "Set KOOGALLERY_OPENAPI_AK and KOOGALLERY_OPENAPI_SK from 我的凭证 > 访问密钥.",
        },
  );

  if (env.USAGE_PUSH_ENABLED) {
    checks.push(
      pushKeyIsDevDefault(env)
        ? {
            id: "usage-push",
            area,
            status: severe(env),
            title: "Usage push is on, signed with the development key",
            detail: "The marketplace will refuse pushes signed with the development default of KOOGALLERY_ACCESS_KEY.",
            fix: "Set KOOGALLERY_ACCESS_KEY (or KOOGALLERY_USAGE_PUSH_KEY) to the 商家对接密钥.",
          }
        : { id: "usage-push", area, status: "ok", title: "Usage push is on", detail: "Hourly usage records are pushed to 按需使用量推送(新)." },
    );
  } else if (pending !== null && pending > 0) {
    checks.push({
      id: "usage-push",
      area,
      status: "problem",
      title: "Usage push is off with records waiting",
      detail: `${pending} usage record(s) wait in the outbox and are never reported to the marketplace.`,
      fix: "Set USAGE_PUSH_ENABLED=true so the worker pushes them.",
    });
  } else {
    checks.push({
      id: "usage-push",
      area,
      status: advisory(env),
      title: "Usage push is off",
      detail: "Usage is aggregated and waits in the outbox; on-demand and package products need the push.",
      fix: "Set USAGE_PUSH_ENABLED=true if you sell on-demand or package products.",
    });
  }

  const endpoint = parseUrl(env.KOOGALLERY_OPENAPI_ENDPOINT);
  const origin = endpoint?.origin ?? null;
  const endpointUsed = queryOrder || env.USAGE_PUSH_ENABLED;
  const isHttps = origin?.startsWith("https://") ?? false;
  const known = KNOWN_OPENAPI_HOSTS.includes(endpoint?.hostname ?? "");
  const endpointStatus: CheckStatus = !endpointUsed ? "info" : !isHttps ? severe(env, "info") : known ? "ok" : "warn";
  checks.push({
    id: "openapi-endpoint",
    area,
    status: endpointStatus,
    title: `Open API endpoint ${origin ?? "(invalid)"}`,
    detail: `${!isHttps ? "Plain http: a local mock, not the marketplace." : known ? "A KooGallery open API host." : "Not one of the KooGallery open API hosts."}${endpointUsed ? "" : " Not used while 查询订单 and the usage push are off."}`,
    fix:
      endpointStatus === "problem" || endpointStatus === "warn"
        ? "Set KOOGALLERY_OPENAPI_ENDPOINT to https://mkt.myhuaweicloud.com (intl: mkt-intl.myhuaweicloud.com, EU: mkt.myhuaweicloud.eu)."
        : undefined,
  });

  checks.push(
    env.BILLING_WORKER_IN_SERVER
      ? { id: "billing-worker", area, status: "ok", title: "Billing worker runs in the server", detail: `Aggregation, usage push and retention every ${env.BILLING_WORKER_INTERVAL_SECONDS} s in each server process.` }
      : {
          id: "billing-worker",
          area,
          status: "info",
          title: "Billing worker is not in the server",
          detail: "BILLING_WORKER_IN_SERVER is off: nothing is aggregated, pushed or purged unless `npm run worker` runs.",
          fix: "Run `npm run worker` as its own process (PostgreSQL), or set BILLING_WORKER_IN_SERVER=true.",
        },
  );
  return checks;
}

/** Every check that needs only the environment (cheap: used at boot, before the database is up). */
export function configChecks(env: Env): SetupCheck[] {
  return [...interfaceChecks(env), ...kitChecks(env, inspectRsaKey(env.KOOGALLERY_RSA_PRIVATE_KEY)), ...billingChecks(env, null)];
}

function describeCall(c: LastCall, nowMs: number): string {
  const agoMin = Math.max(0, Math.round((nowMs - c.receivedAt.getTime()) / 60_000));
  return `${c.activity ?? "(no activity)"} → ${c.resultCode ?? "no answer yet"} at ${c.receivedAt.toISOString()} (${agoMin} min ago)${c.isTest ? ", a debug call" : ""}.`;
}

/** The checks derived from what arrived. */
export function trafficChecks(env: Env, t: TrafficFigures, nowMs: number): SetupCheck[] {
  const area = "traffic" as const;
  const checks: SetupCheck[] = [];
  checks.push(
    t.lastBaseCall
      ? { id: "last-base-call", area, status: "ok", title: "Last base call received", detail: describeCall(t.lastBaseCall, nowMs) }
      : {
          id: "last-base-call",
          area,
          status: advisory(env),
          title: "No base call received yet",
          detail: "The call log holds no call to the production address.",
          fix: "Register the production address and run the seller console's debug tool (or `npm run simulate -- lifecycle`).",
        },
  );
  checks.push(
    t.lastKitCall
      ? { id: "last-kit-call", area, status: "ok", title: "Last Kit call received", detail: describeCall(t.lastKitCall, nowMs) }
      : {
          id: "last-kit-call",
          area,
          status: "info",
          title: "No Kit call received yet",
          detail: "Only 联营 products receive tenantSync, applicationSync and authSync calls.",
        },
  );
  checks.push(
    t.errorAnswers24h === 0
      ? { id: "error-answers", area, status: "ok", title: "No error answers in the last 24 h", detail: "Every answered call in the last 24 h was 000000." }
      : {
          id: "error-answers",
          area,
          status: "warn",
          title: `${t.errorAnswers24h} error answer(s) in the last 24 h`,
          detail: "Calls answered with a resultCode other than 000000 (000001 is a signature or key mismatch).",
          fix: "Open the call log, filter by result code and compare the keys if you see 000001.",
        },
  );
  const { counts, oldestPendingAgeMs, deadByReason, alerts } = t.push;
  const overdue = oldestPendingAgeMs !== null && oldestPendingAgeMs > REPORTING_WINDOW_MS;
  const reasons = Object.entries(deadByReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .join(", ");
  const pushDetail = `${counts.PENDING} pending, ${counts.SENT} sent, ${counts.FAILED} dead letter(s)${reasons ? ` (${reasons})` : ""}${oldestPendingAgeMs !== null ? `; the oldest pending hour closed ${Math.round(oldestPendingAgeMs / 60_000)} min ago` : ""}.`;
  checks.push(
    counts.FAILED > 0
      ? {
          id: "push-outbox",
          area,
          status: "problem",
          title: `${counts.FAILED} usage record(s) in the dead letters`,
          detail: pushDetail,
          fix: "Open Usage › Dead letters, read each reason and the marketplace's answer, fix the cause and re-queue.",
        }
      : overdue && env.USAGE_PUSH_ENABLED
        ? {
            id: "push-outbox",
            area,
            status: "problem",
            title: "Usage push is behind the 2-hour reporting window",
            detail: pushDetail,
            fix: "Check that the billing worker runs and that the open API endpoint answers (see Usage).",
          }
        : { id: "push-outbox", area, status: "ok", title: "Usage push outbox", detail: pushDetail },
  );
  checks.push(pushAlertCheck(alerts));
  return checks;
}

const ALERT_FIX: Record<PushAlert["kind"], string> = {
  signature: "Check KOOGALLERY_USAGE_PUSH_KEY: the 商家密钥 bound to 基础接口 in the seller console (the push is not AK/SK-signed).",
  key: "Check that KOOGALLERY_USAGE_PUSH_KEY is this seller's key, still valid and bound to 基础接口.",
  data: "Open Usage › Dead letters: the marketplace refused the records' content; fix what produced them, then re-queue.",
};

/** Signature, key and data alerts from the marketplace's answers to the usage push. */
function pushAlertCheck(alerts: PushAlert[]): SetupCheck {
  if (alerts.length === 0) {
    return { id: "push-alerts", area: "traffic", status: "ok", title: "No usage push alerts", detail: "The marketplace has not refused our signature, key or data." };
  }
  const worst = alerts.find((a) => a.kind !== "data") ?? alerts[0]!;
  return {
    id: "push-alerts",
    area: "traffic",
    status: "problem",
    title: `Usage push: the marketplace answers ${worst.code} (${worst.meaning})`,
    detail: alerts.map((a) => `${a.code} ${a.meaning} (${a.kind}): ${a.pending} record(s) waiting, ${a.failed} dead letter(s)`).join("; ") + ".",
    fix: ALERT_FIX[worst.kind],
  };
}

async function lastCall(prisma: PrismaClient, channel: "base" | "kit"): Promise<LastCall | null> {
  return prisma.marketplaceCall.findFirst({
    where: { channel },
    select: { receivedAt: true, activity: true, resultCode: true, isTest: true },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
  });
}

/** The traffic figures, from the call log, instances, tenants and the usage push outbox. */
export async function loadTraffic(prisma: PrismaClient, nowMs: number): Promise<TrafficFigures> {
  const [lastBaseCall, lastKitCall, errorAnswers24h, instanceGroups, tenantsSynced, tenantsDeleted, push] = await Promise.all([
    lastCall(prisma, "base"),
    lastCall(prisma, "kit"),
    prisma.marketplaceCall.count({
      where: { receivedAt: { gte: new Date(nowMs - DAY) }, AND: [{ resultCode: { not: null } }, { resultCode: { not: "000000" } }] },
    }),
    prisma.instance.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.tenant.count({ where: { deletedAt: null } }),
    prisma.tenant.count({ where: { deletedAt: { not: null } } }),
    pushHealth(prisma, nowMs),
  ]);
  const instancesByStatus = Object.fromEntries(INSTANCE_STATUSES.map((s) => [s, 0])) as TrafficFigures["instancesByStatus"];
  for (const g of instanceGroups) instancesByStatus[g.status] = g._count._all;
  return {
    lastBaseCall,
    lastKitCall,
    errorAnswers24h,
    instancesByStatus,
    tenantsSynced,
    tenantsDeleted,
    push: { counts: push.counts, oldestPendingAgeMs: push.oldestPending?.ageMs ?? null, deadByReason: push.deadByReason, alerts: push.alerts },
  };
}

export function countByStatus(checks: readonly SetupCheck[]): Record<CheckStatus, number> {
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** The whole overview: configuration checks, traffic checks and figures. */
export async function setupHealth(prisma: PrismaClient, env: Env, nowMs: number): Promise<SetupHealth> {
  const traffic = await loadTraffic(prisma, nowMs);
  const rsa = inspectRsaKey(env.KOOGALLERY_RSA_PRIVATE_KEY);
  const checks = [
    ...interfaceChecks(env),
    ...kitChecks(env, rsa),
    ...billingChecks(env, traffic.push.counts.PENDING),
    ...trafficChecks(env, traffic, nowMs),
    await conformanceCheck(prisma, nowMs),
  ];
  return {
    generatedAt: new Date(nowMs),
    production: isProduction(env),
    productionAddress: productionAddress(env),
    loginCallbackUrl: oneAccessCallbackUrl(env),
    rsaPublicKey: rsa.state === "ok" ? rsa.key : null,
    checks,
    counts: countByStatus(checks),
    traffic,
  };
}

/** One line for the boot log naming every `problem` among the configuration checks, or null. */
export function bootProblemLine(env: Env): string | null {
  const problems = configChecks(env).filter((c) => c.status === "problem");
  if (!problems.length) return null;
  return `[setup] ${problems.length} problem(s): ${problems.map((c) => `${c.id} (${c.title})`).join("; ")} — see /admin`;
}
