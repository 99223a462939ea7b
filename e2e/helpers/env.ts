/**
 * Settings shared by playwright.config.ts (server environment) and the specs (signing keys,
 * staff login). Test-only values: never use them for a real installation.
 */
import path from "node:path";

export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export const E2E_ENV = {
  NEXTAUTH_SECRET: "e2e-nextauth-secret-not-for-production-0123456789",
  NEXTAUTH_URL: E2E_BASE_URL,
  APP_URL: E2E_BASE_URL,
  // 32 bytes, base64 ("e2e-only-data-encryption-key-32b").
  DATA_ENCRYPTION_KEY: Buffer.from("e2e-only-data-encryption-key-32b").toString("base64"),
  STAFF_USERNAME: "e2e-staff",
  STAFF_PASSWORD: "e2e-staff-password",
  KOOGALLERY_ACCESS_KEY: "e2e-koogallery-access-key",
} as const;

/**
 * The server's PGlite directory, unique per run. Computed once in the runner process and
 * passed to workers and teardown through the environment (they re-evaluate the config).
 */
export function e2eDataDir(): string {
  process.env.E2E_PGLITE_DIR ??= path.join(".data", `e2e-${Date.now()}-${process.pid}`);
  return process.env.E2E_PGLITE_DIR;
}
