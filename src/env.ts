/**
 * Every environment variable the app reads, validated once with zod.
 *
 * A wrong or missing value stops the process at boot with a message naming the variable and
 * what is wrong (create-t3-app style). Development and tests get safe defaults for secrets;
 * a production server (NODE_ENV=production, outside `next build`) refuses to start on them.
 * README.md documents each variable.
 */
import { z } from "zod";
import { parseCidrList } from "~/server/observability/metrics-access";

/** Development fallbacks of the secrets (listed at boot; refused in production). */
export const DEV_DEFAULTS = {
  NEXTAUTH_SECRET: "dev-only-nextauth-secret-change-me",
  DATA_ENCRYPTION_KEY: "ZGV2LW9ubHktZGF0YS1lbmNyeXB0aW9uLWtleS0zMmI=", // "dev-only-data-encryption-key-32b"
  KOOGALLERY_ACCESS_KEY: "dev-access-key",
  STAFF_PASSWORD: "admin",
} as const;

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

/** Exported for the docs check (tests/unit/server/env-docs.test.ts): every key has a README row. */
export const ENV_SCHEMA = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** PostgreSQL URL. Unset → embedded PGlite under PGLITE_DIR. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/pglite")),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  /** Public base URL of this app (https://<domain>), used for frontEndUrl and login callbacks. */
  APP_URL: z.preprocess(emptyAsUndefined, z.url().default("http://localhost:3000")),
  NEXTAUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16).optional()),
  /** 32 bytes, base64 or hex: AES-256-GCM key for secrets stored in the database. */
  DATA_ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => decodeKey(v) !== null, "must be 32 bytes encoded as base64 (44 chars) or hex (64 chars)")
      .optional(),
  ),
  STAFF_USERNAME: z.preprocess(emptyAsUndefined, z.string().min(1).default("admin")),
  STAFF_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Staff sign-in throttle (src/server/auth/staff-throttle.ts): attempts per client address, then per username, within the lock period. */
  STAFF_LOGIN_ADDRESS_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(5)),
  STAFF_LOGIN_USER_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).default(20)),
  /** Counting window and lockout of the staff sign-in throttle. */
  STAFF_LOGIN_LOCK_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(24 * 60).default(15)),
  /** Reverse proxies appending to X-Forwarded-For in front of the app: the client address is the entry this many from the end. */
  TRUSTED_PROXY_COUNT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10).default(1)),
  /** 基础接口 key bound in 卖家中心 > 应用工具 > 密钥管理. */
  KOOGALLERY_ACCESS_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** 联营SaaS同步接口 key; defaults to KOOGALLERY_ACCESS_KEY. */
  KOOGALLERY_KIT_ACCESS_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** License授权码交付接口 key (License callbacks); defaults to KOOGALLERY_ACCESS_KEY. */
  KOOGALLERY_LICENSE_ACCESS_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  KOOGALLERY_SIGNATURE_WINDOW_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(3600).default(60),
  ),
  /** encryptType for appInfo userName/password: 1 = AES-256-CBC, 2 = AES-128-CBC, none = plaintext. */
  KOOGALLERY_CREDENTIAL_ENCRYPTION: z.preprocess(emptyAsUndefined, z.enum(["1", "2", "none"]).default("1")),
  /** Also return appInfo (frontEndUrl …) in the newInstance answer (V2 FAQ asks for frontEndUrl). */
  KOOGALLERY_NEW_INSTANCE_APPINFO: z.preprocess(emptyAsUndefined, bool.default(true)),
  /** Add the V1 `Body-Sign` response header. V2 pages do not require it. */
  KOOGALLERY_BODY_SIGN: z.preprocess(emptyAsUndefined, bool.default(false)),
  /**
   * PEM private key (RSA ≥ 3072 bit) whose public half is uploaded with the 应用凭证; decrypts
   * applicationSync clientSecret. "\n" escapes are accepted (single-line env values).
   */
  KOOGALLERY_RSA_PRIVATE_KEY: z.preprocess(emptyAsUndefined, z.string().includes("PRIVATE KEY", { message: "must be a PEM private key" }).optional()),
  /** Where buyers open the product (appInfo.frontEndUrl); defaults to APP_URL. */
  KOOGALLERY_FRONTEND_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /** appInfo.adminUrl; defaults to APP_URL/admin-less tenant console (APP_URL). */
  KOOGALLERY_ADMIN_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /** Largest request body accepted by the marketplace, Kit and tRPC routes, counted while reading. */
  REQUEST_BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(16 * 1024).max(64 * 1024 * 1024).default(1024 * 1024)),
  /** Where the tenant pages send customers to renew or buy (banners of a frozen, expired, used-up … purchase): the product's KooGallery page. */
  KOOGALLERY_PRODUCT_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).default("https://marketplace.huaweicloud.com/")),

  // 联营账号 login (docs/protocol/login.md).
  /** The 应用凭证's appId: appended to the unified login URL; picks the tenant's application and the user's grant. */
  KOOGALLERY_APP_ID: z.preprocess(emptyAsUndefined, z.string().min(1).max(64).optional()),
  /** The marketplace's unified login entry (docs/protocol/login.md#unified-login); the appId is set in its `#` fragment. */
  KOOGALLERY_UNIFIED_LOGIN_URL: z.preprocess(
    emptyAsUndefined,
    z.url().default("https://macroverse.huaweicloud.com/unified-login/#/portal-login?ind=UNOP&appId="),
  ),
  /** Mount the local OneAccess emulator at /dev/oneaccess/{tenantId}. Development and e2e only; off unless set. */
  ONEACCESS_EMULATOR: z.preprocess(emptyAsUndefined, bool.default(false)),
  /** Password every emulated user signs in with (default "demo"). */
  EMULATOR_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Time limit of each call to a tenant's OneAccess (token, refresh, userinfo). */
  ONEACCESS_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(60_000).default(5000)),

  // Billing and the marketplace open API (docs/billing.md).
  /** Open API base URL (China site; intl: https://mkt-intl.myhuaweicloud.com, EU: https://mkt.myhuaweicloud.eu). */
  KOOGALLERY_OPENAPI_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().default("https://mkt.myhuaweicloud.com")),
  /** AK/SK (我的凭证 > 访问密钥) signing 查询订单 with SDK-HMAC-SHA256; required when KOOGALLERY_QUERY_ORDER is on. */
  KOOGALLERY_OPENAPI_AK: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  KOOGALLERY_OPENAPI_SK: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Call 查询订单 in newInstance/upgradeInstance to learn product, SKU, charging mode and expiry. Off → BILLING_DEFAULT_PLAN. */
  KOOGALLERY_QUERY_ORDER: z.preprocess(emptyAsUndefined, bool.default(false)),
  /** 查询订单 timeout; the marketplace waits 5 s for newInstance, so keep it well below. */
  KOOGALLERY_QUERY_ORDER_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(30_000).default(3000)),
  /** Key signing 按需使用量推送(新) (商家对接密钥, the key bound to 基础接口); defaults to KOOGALLERY_ACCESS_KEY. */
  KOOGALLERY_USAGE_PUSH_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Push hourly usage records to the marketplace. Off → records are still aggregated and wait in the outbox. */
  USAGE_PUSH_ENABLED: z.preprocess(emptyAsUndefined, bool.default(false)),
  KOOGALLERY_USAGE_PUSH_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(120_000).default(10_000)),
  /** 按需套餐包 usage: push all of it to the on-demand instance ("all": the marketplace deducts the packages) or only what exceeds them ("overflow"). */
  KOOGALLERY_PKG_USAGE_PUSH: z.preprocess(emptyAsUndefined, z.enum(["overflow", "all"]).default("all")),
  /** 用完即停 usage: instance_id = the package's on-demand instance ("on-demand"), or the package itself ("package", only if the seller console shows no separate on-demand instance). */
  KOOGALLERY_STOP_PKG_INSTANCE: z.preprocess(emptyAsUndefined, z.enum(["on-demand", "package"]).default("on-demand")),
  /** Open API host tried when KOOGALLERY_OPENAPI_ENDPOINT cannot be reached; "none" = no fallback. Default: https://mkt.myhuaweicloud.cn for the China host, none otherwise. */
  KOOGALLERY_OPENAPI_FALLBACK_ENDPOINT: z.preprocess(emptyAsUndefined, z.union([z.literal("none"), z.url()]).optional()),
  /** Plan id (src/server/billing/catalog.ts) for new instances when 查询订单 is off; defaults to the catalog's defaultPlan. */
  BILLING_DEFAULT_PLAN: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Minutes an expired instance keeps working before the marketplace's freeze arrives (clock skew). */
  BILLING_EXPIRY_GRACE_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(7 * 24 * 60).default(0)),
  /** Days a released instance's data is kept before the retention worker deletes it. */
  DATA_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(3650).default(30)),
  /** Days marketplace calls are kept in the call log before the worker deletes them. */
  CALL_LOG_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
  /** Run the billing worker inside each app server process (src/instrumentation.ts); off when only `npm run worker` should. */
  BILLING_WORKER_IN_SERVER: z.preprocess(emptyAsUndefined, bool.default(true)),
  /** How often the billing worker (aggregation, usage push, data retention) runs. */
  BILLING_WORKER_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(5).max(3600).default(60)),

  // Operations: logs, health, metrics (README section of that name).
  /** Lowest level written to the JSON log on stdout. */
  LOG_LEVEL: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v), z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  /** Bearer token /api/metrics requires. Unset (and no METRICS_ALLOW_CIDRS) → /api/metrics is off. */
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, "must be at least 16 characters").max(512).optional()),
  /** Comma-separated addresses / CIDR networks allowed to read /api/metrics (with METRICS_TOKEN: both must pass). */
  METRICS_ALLOW_CIDRS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .superRefine((v, ctx) => {
        try {
          parseCidrList(v);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message });
        }
      })
      .optional(),
  ),
  /** Longest wait of /api/health/ready for the database's `SELECT 1` before answering 503. */
  HEALTH_READY_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(30_000).default(2000)),
  /** The deployed commit, shown by /api/health (e.g. set by the image build). */
  APP_COMMIT: z.preprocess(emptyAsUndefined, z.string().max(64).regex(/^[A-Za-z0-9._-]+$/, "letters, digits, . _ - only").optional()),
});

export type Env = z.infer<typeof ENV_SCHEMA> & {
  NEXTAUTH_SECRET: string;
  DATA_ENCRYPTION_KEY: string;
  STAFF_PASSWORD: string;
  KOOGALLERY_ACCESS_KEY: string;
  KOOGALLERY_KIT_ACCESS_KEY: string;
  KOOGALLERY_LICENSE_ACCESS_KEY: string;
  KOOGALLERY_USAGE_PUSH_KEY: string;
  /** Which secrets fell back to development defaults (shown at boot and on the admin page). */
  usingDevDefaults: string[];
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee README.md#environment-variables.`);
    this.name = "EnvError";
  }
}

/** The shortest STAFF_PASSWORD a production server accepts. */
export const STAFF_PASSWORD_MIN_LENGTH = 12;

/**
 * Why a production STAFF_PASSWORD is too weak, or null. The account sees every tenant's traffic;
 * the sign-in throttle slows guessing but cannot save a one-character password.
 */
export function staffPasswordWeakness(password: string, username: string): string | null {
  if ([...password].length < STAFF_PASSWORD_MIN_LENGTH) return `must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters in production`;
  if (password.toLowerCase() === username.toLowerCase()) return "must differ from STAFF_USERNAME";
  if (new Set(password).size < 4) return "must use at least 4 different characters";
  return null;
}

export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  if (/^[A-Za-z0-9+/]{43}=?$/.test(v)) {
    const b = Buffer.from(v, "base64");
    return b.length === 32 ? b : null;
  }
  return null;
}

/** Parses an env source (process.env by default). Exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = ENV_SCHEMA.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const e = result.data;
  const isBuild = source.NEXT_PHASE === "phase-production-build";
  const strict = e.NODE_ENV === "production" && !isBuild && source.ALLOW_DEV_SECRETS !== "1";
  const usingDevDefaults: string[] = [];
  const problems: string[] = [];
  const pick = (name: keyof typeof DEV_DEFAULTS, value: string | undefined): string => {
    if (value !== undefined) return value;
    if (strict) problems.push(`${name}: required when NODE_ENV=production`);
    usingDevDefaults.push(name);
    return DEV_DEFAULTS[name];
  };
  const NEXTAUTH_SECRET = pick("NEXTAUTH_SECRET", e.NEXTAUTH_SECRET);
  const DATA_ENCRYPTION_KEY = pick("DATA_ENCRYPTION_KEY", e.DATA_ENCRYPTION_KEY);
  const STAFF_PASSWORD = pick("STAFF_PASSWORD", e.STAFF_PASSWORD);
  if (strict && e.STAFF_PASSWORD !== undefined) {
    const weak = staffPasswordWeakness(e.STAFF_PASSWORD, e.STAFF_USERNAME);
    if (weak) problems.push(`STAFF_PASSWORD: ${weak}`);
  }
  const KOOGALLERY_ACCESS_KEY = pick("KOOGALLERY_ACCESS_KEY", e.KOOGALLERY_ACCESS_KEY);
  if (e.KOOGALLERY_QUERY_ORDER && !(e.KOOGALLERY_OPENAPI_AK && e.KOOGALLERY_OPENAPI_SK)) {
    problems.push("KOOGALLERY_OPENAPI_AK/KOOGALLERY_OPENAPI_SK: required when KOOGALLERY_QUERY_ORDER is on");
  }
  if (problems.length) throw new EnvError(problems);
  return {
    ...e,
    NEXTAUTH_SECRET,
    DATA_ENCRYPTION_KEY,
    STAFF_PASSWORD,
    KOOGALLERY_ACCESS_KEY,
    KOOGALLERY_KIT_ACCESS_KEY: e.KOOGALLERY_KIT_ACCESS_KEY ?? KOOGALLERY_ACCESS_KEY,
    KOOGALLERY_LICENSE_ACCESS_KEY: e.KOOGALLERY_LICENSE_ACCESS_KEY ?? KOOGALLERY_ACCESS_KEY,
    KOOGALLERY_USAGE_PUSH_KEY: e.KOOGALLERY_USAGE_PUSH_KEY ?? KOOGALLERY_ACCESS_KEY,
    usingDevDefaults,
  };
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use, then cached). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** APP_URL without trailing slashes: the base every absolute address of this app is built on. */
export function appBaseUrl(env: Pick<Env, "APP_URL"> = getEnv()): string {
  return env.APP_URL.replace(/\/+$/, "");
}

// The addresses of this app, as registered in the seller console (README.md "Pointing the
// KooGallery seller console at this app"). One place, so the staff overview, the home page, the
// seed and the simulators print the same address.

/** `{APP_URL}/api/marketplace`: the 生产系统接口地址 (production address). Kit sync calls arrive under it at /produceAPI/v2/…. */
export function productionAddress(env: Pick<Env, "APP_URL"> = getEnv()): string {
  return `${appBaseUrl(env)}/api/marketplace`;
}

/**
 * `{APP_URL}/api/marketplace/license`: the address of the License callbacks, bound to the
 * License授权码交付接口 key (README "License products"; the production address takes them too).
 */
export function licenseAddress(env: Pick<Env, "APP_URL"> = getEnv()): string {
  return `${productionAddress(env)}/license`;
}

/** Scheme, host and port only — never user info, path or query of a configured URL (null when not a URL). */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Tests change process.env between cases; they call this to re-read it. */
export function resetEnvForTests(): void {
  cached = undefined;
}
