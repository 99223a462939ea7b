/**
 * Billing settings, read from the environment (src/env.ts; rebuilt when it is parsed again, so
 * tests can vary them), plus the active plan catalog. Tests install their own catalog and
 * settings with the *ForTests functions (like setDatabaseForTests) so that an ISV editing
 * catalog.ts does not break them.
 */
import { getEnv, type Env } from "~/env";
import { CATALOG } from "./catalog";
import type { Catalog } from "./catalog-types";

export interface OpenApiConfig {
  /** Base URL, e.g. https://mkt.myhuaweicloud.com (http only for 127.0.0.1/localhost mocks). */
  endpoint: string;
  /** Tried when `endpoint` cannot be reached (the docs name https://mkt.myhuaweicloud.cn). */
  fallbackEndpoint?: string;
  ak?: string;
  sk?: string;
  queryOrderTimeoutMs: number;
}

export interface UsagePushConfig {
  enabled: boolean;
  /** 商家对接密钥 signing the usage push. */
  key: string;
  timeoutMs: number;
  /** Records per call (the API allows 1,000; MKT.9003 halves a batch). */
  batchSize: number;
  /** Calls one worker cycle may make (bisecting a refused batch takes several). */
  maxCallsPerCycle: number;
  /** Retry backoff: first delay and ceiling (the ceiling keeps retries inside the 2 h reporting window). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** After this many attempts a record that keeps failing ambiguously becomes a dead letter (GAVE_UP). */
  maxAttempts: number;
  /** 按需套餐包: push all usage to the on-demand instance (the marketplace deducts packages), or only the overflow. */
  packageUsage: "overflow" | "all";
  /** 用完即停: instance_id = the package's on-demand instance, or the package itself (package-links.ts). */
  stopPackageInstance: "on-demand" | "package";
  /** The marketplace refuses records whose begin_time is older than this (MKT.9004): dead-lettered unsent. */
  maxRecordAgeMs: number;
}

export interface BillingConfig {
  queryOrder: boolean;
  openApi: OpenApiConfig;
  usagePush: UsagePushConfig;
  defaultPlanId: string;
  expiryGraceMs: number;
  retentionDays: number;
  workerIntervalMs: number;
  /** Hours are aggregated this long after they close, so late single-statement commits are in. */
  aggregationDelayMs: number;
}

const CHINA_HOST = "https://mkt.myhuaweicloud.com";
/** The docs: "if the main host fails, retry on mkt.myhuaweicloud.cn" (a China-site alias). */
const CHINA_FALLBACK = "https://mkt.myhuaweicloud.cn";

function fallbackEndpoint(env: Env, endpoint: string): string | undefined {
  const v = env.KOOGALLERY_OPENAPI_FALLBACK_ENDPOINT;
  if (v === "none") return undefined;
  if (v) return v.replace(/\/+$/, "");
  return endpoint === CHINA_HOST ? CHINA_FALLBACK : undefined;
}

export function billingConfigFromEnv(env: Env = getEnv()): BillingConfig {
  const endpoint = env.KOOGALLERY_OPENAPI_ENDPOINT.replace(/\/+$/, "");
  return {
    queryOrder: env.KOOGALLERY_QUERY_ORDER,
    openApi: {
      endpoint,
      fallbackEndpoint: fallbackEndpoint(env, endpoint),
      ak: env.KOOGALLERY_OPENAPI_AK,
      sk: env.KOOGALLERY_OPENAPI_SK,
      queryOrderTimeoutMs: env.KOOGALLERY_QUERY_ORDER_TIMEOUT_MS,
    },
    usagePush: {
      enabled: env.USAGE_PUSH_ENABLED,
      key: env.KOOGALLERY_USAGE_PUSH_KEY,
      timeoutMs: env.KOOGALLERY_USAGE_PUSH_TIMEOUT_MS,
      batchSize: 1000,
      maxCallsPerCycle: 100,
      backoffBaseMs: 30_000,
      backoffMaxMs: 10 * 60_000,
      maxAttempts: 200,
      packageUsage: env.KOOGALLERY_PKG_USAGE_PUSH,
      stopPackageInstance: env.KOOGALLERY_STOP_PKG_INSTANCE,
      maxRecordAgeMs: 21 * 86_400_000,
    },
    defaultPlanId: env.BILLING_DEFAULT_PLAN ?? activeCatalog().defaultPlan,
    expiryGraceMs: env.BILLING_EXPIRY_GRACE_MINUTES * 60_000,
    retentionDays: env.DATA_RETENTION_DAYS,
    workerIntervalMs: env.BILLING_WORKER_INTERVAL_SECONDS * 1000,
    aggregationDelayMs: 60_000,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

const globalForBilling = globalThis as unknown as { __kooBillingOverride?: DeepPartial<BillingConfig>; __kooCatalog?: Catalog };

/** The last settings built, with what they were built from (compared by identity). */
let memo: { env: Env; catalog: Catalog; override: DeepPartial<BillingConfig> | undefined; config: BillingConfig } | undefined;

/**
 * The settings, rebuilt only when what they are made of changed: the parsed environment (a new
 * object after resetEnvForTests), the catalog or a test's override. consume() asks for them on
 * every debit. Frozen, since every caller shares the one object.
 */
export function billingConfig(): BillingConfig {
  const env = getEnv();
  const catalog = activeCatalog();
  const override = globalForBilling.__kooBillingOverride;
  if (memo && memo.env === env && memo.catalog === catalog && memo.override === override) return memo.config;
  const config = freeze(compose(billingConfigFromEnv(env), override));
  memo = { env, catalog, override, config };
  return config;
}

function compose(base: BillingConfig, o: DeepPartial<BillingConfig> | undefined): BillingConfig {
  if (!o) return base;
  return {
    ...base,
    ...o,
    // A test pointing the open API at its mock must not fall back to the real China host.
    openApi: { ...base.openApi, ...(o.openApi?.endpoint && !("fallbackEndpoint" in o.openApi) ? { fallbackEndpoint: undefined } : {}), ...o.openApi },
    usagePush: { ...base.usagePush, ...o.usagePush },
  } as BillingConfig;
}

function freeze(config: BillingConfig): BillingConfig {
  Object.freeze(config.openApi);
  Object.freeze(config.usagePush);
  return Object.freeze(config);
}

export function activeCatalog(): Catalog {
  return globalForBilling.__kooCatalog ?? CATALOG;
}

export function setBillingConfigForTests(override: DeepPartial<BillingConfig> | undefined): void {
  globalForBilling.__kooBillingOverride = override;
}

export function setCatalogForTests(catalog: Catalog | undefined): void {
  globalForBilling.__kooCatalog = catalog;
}
