/**
 * Billing settings, read from the environment (src/env.ts) on each use so tests can vary them,
 * plus the active plan catalog. Tests install their own catalog and settings with the *ForTests
 * functions (like setDatabaseForTests) so that an ISV editing catalog.ts does not break them.
 */
import { getEnv, type Env } from "~/env";
import { CATALOG } from "./catalog";
import type { Catalog } from "./catalog-types";

export interface OpenApiConfig {
  /** Base URL, e.g. https://mkt.myhuaweicloud.com (http only for 127.0.0.1/localhost mocks). */
  endpoint: string;
  ak?: string;
  sk?: string;
  queryOrderTimeoutMs: number;
}

export interface UsagePushConfig {
  enabled: boolean;
  /** 商家对接密钥 signing the usage push. */
  key: string;
  timeoutMs: number;
  /** Result codes meaning "already received": the record counts as sent. */
  duplicateCodes: string[];
  /** Result codes meaning success (unconfirmed in the docs: both forms seen on KooGallery APIs). */
  successCodes: string[];
  /** Records per call (the API allows 1,000). */
  batchSize: number;
  /** Retry backoff: first delay and ceiling (the ceiling keeps retries inside the 2 h reporting window). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** After this many attempts a record that keeps failing ambiguously is marked FAILED for staff. */
  maxAttempts: number;
  /** 按需套餐包: push the overflow beyond the packages only, or all usage. */
  packageUsage: "overflow" | "all";
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

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function billingConfigFromEnv(env: Env = getEnv()): BillingConfig {
  return {
    queryOrder: env.KOOGALLERY_QUERY_ORDER,
    openApi: {
      endpoint: env.KOOGALLERY_OPENAPI_ENDPOINT.replace(/\/+$/, ""),
      ak: env.KOOGALLERY_OPENAPI_AK,
      sk: env.KOOGALLERY_OPENAPI_SK,
      queryOrderTimeoutMs: env.KOOGALLERY_QUERY_ORDER_TIMEOUT_MS,
    },
    usagePush: {
      enabled: env.USAGE_PUSH_ENABLED,
      key: env.KOOGALLERY_USAGE_PUSH_KEY,
      timeoutMs: env.KOOGALLERY_USAGE_PUSH_TIMEOUT_MS,
      duplicateCodes: list(env.KOOGALLERY_USAGE_PUSH_DUPLICATE_CODES),
      successCodes: ["MKT.0000", "000000"],
      batchSize: 1000,
      backoffBaseMs: 30_000,
      backoffMaxMs: 10 * 60_000,
      maxAttempts: 200,
      packageUsage: env.KOOGALLERY_PKG_USAGE_PUSH,
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

export function billingConfig(): BillingConfig {
  const base = billingConfigFromEnv();
  const o = globalForBilling.__kooBillingOverride;
  if (!o) return base;
  return {
    ...base,
    ...o,
    openApi: { ...base.openApi, ...o.openApi },
    usagePush: { ...base.usagePush, ...o.usagePush },
  } as BillingConfig;
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
