/**
 * Settings shared by playwright.config.ts (server environment) and the specs (signing keys,
 * staff login). Test-only values: never use them for a real installation.
 */
import { generateKeyPairSync } from "node:crypto";
import path from "node:path";

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a TCP port, got "${raw}"`);
  return port;
}

/** Port of the app under test: `E2E_PORT` (default 3100), so two checkouts can run e2e side by side. */
export const E2E_PORT = envPort("E2E_PORT", 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/**
 * The marketplace open-API mock (`npm run mock:openapi`), started by playwright.config.ts next to
 * the app: 查询订单 is on, so every newInstance a spec sends needs its order registered there first
 * (helpers/marketplace.ts buyInstance). `E2E_MOCK_PORT`, default E2E_PORT + 1: not the mock's default 3199, so a developer's
 * mock keeps running during an e2e run.
 */
export const E2E_MOCK_PORT = envPort("E2E_MOCK_PORT", E2E_PORT + 1);
export const E2E_MOCK_URL = `http://127.0.0.1:${E2E_MOCK_PORT}`;
/** The AK/SK the app signs 查询订单 with and the mock verifies. */
export const E2E_OPENAPI_AK = "E2EOPENAPIAK00000001";
export const E2E_OPENAPI_SK = "e2e-openapi-sk-not-for-production";

export const E2E_ENV = {
  NEXTAUTH_SECRET: "e2e-nextauth-secret-not-for-production-0123456789",
  NEXTAUTH_URL: E2E_BASE_URL,
  APP_URL: E2E_BASE_URL,
  // 32 bytes, base64 ("e2e-only-data-encryption-key-32b").
  DATA_ENCRYPTION_KEY: Buffer.from("e2e-only-data-encryption-key-32b").toString("base64"),
  STAFF_USERNAME: "e2e-staff",
  STAFF_PASSWORD: "e2e-staff-password",
  KOOGALLERY_ACCESS_KEY: "e2e-koogallery-access-key",
  // 查询订单 on, against the mock: plans, packages and buyers come from the orders the specs register.
  KOOGALLERY_QUERY_ORDER: "1",
  KOOGALLERY_OPENAPI_ENDPOINT: E2E_MOCK_URL,
  KOOGALLERY_OPENAPI_AK: E2E_OPENAPI_AK,
  KOOGALLERY_OPENAPI_SK: E2E_OPENAPI_SK,
  // /api/metrics is on for this token only (e2e/observability.spec.ts).
  METRICS_TOKEN: "e2e-metrics-token-not-for-production",
} as const;

/** The 应用凭证 appId of the e2e server (KOOGALLERY_APP_ID): the specs sync their users for it. */
export const E2E_APP_ID = "e2e-app";

/**
 * The server's KOOGALLERY_RSA_PRIVATE_KEY, generated per run (never committed). Like the data
 * directory it is computed once in the runner and reaches workers through the environment;
 * specs encrypt applicationSync secrets with its public half.
 */
export function e2eRsaPrivateKey(): string {
  process.env.E2E_RSA_PRIVATE_KEY ??= generateKeyPairSync("rsa", {
    modulusLength: 3072,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  }).privateKey;
  return process.env.E2E_RSA_PRIVATE_KEY;
}

/**
 * The server's PGlite directory, unique per run. Computed once in the runner process and
 * passed to workers and teardown through the environment (they re-evaluate the config).
 */
export function e2eDataDir(): string {
  process.env.E2E_PGLITE_DIR ??= path.join(".data", `e2e-${Date.now()}-${process.pid}`);
  return process.env.E2E_PGLITE_DIR;
}
