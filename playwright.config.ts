/**
 * End-to-end tests against the production build: run `next build` first, then
 * `npx playwright test`. The server gets its own throw-away PGlite directory and explicit
 * test secrets (nothing from the developer's .env), and the browser is Debian's chromium
 * (no Playwright browser download: this project runs without outside network).
 *
 * Two servers: the marketplace open-API mock (scripts/mock-openapi.ts, on E2E_MOCK_PORT) and the
 * app, which runs with 查询订单 on against it — so every newInstance a spec sends must have its
 * order registered in the mock first (e2e/helpers/marketplace.ts buyInstance).
 *
 * EXTENSION POINT: e2e/helpers/env.ts holds the shared secrets; specs sign marketplace calls
 * with E2E_ENV.KOOGALLERY_ACCESS_KEY.
 */
import { defineConfig } from "@playwright/test";
import { MOCK_HEALTH_PATH } from "./src/dev/openapi-mock/admin";
import { E2E_APP_ID, E2E_BASE_URL, E2E_ENV, E2E_MOCK_PORT, E2E_MOCK_URL, E2E_PORT, e2eDataDir, e2eRsaPrivateKey } from "./e2e/helpers/env";

export default defineConfig({
  testDir: "e2e",
  // One server with one embedded database: keep specs in one worker, in file order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Upper bounds while waiting for events, not speed targets: CI runs on a busy 2-core machine.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? "line" : "list",
  globalSetup: "./e2e/helpers/global-setup.ts",
  globalTeardown: "./e2e/helpers/global-teardown.ts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "npx --no-install tsx scripts/mock-openapi.ts",
      url: `${E2E_MOCK_URL}${MOCK_HEALTH_PATH}`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        MOCK_OPENAPI_PORT: String(E2E_MOCK_PORT),
        KOOGALLERY_OPENAPI_AK: E2E_ENV.KOOGALLERY_OPENAPI_AK,
        KOOGALLERY_OPENAPI_SK: E2E_ENV.KOOGALLERY_OPENAPI_SK,
        // The key the app's usage pushes would be signed with (USAGE_PUSH_ENABLED is off here).
        KOOGALLERY_USAGE_PUSH_KEY: E2E_ENV.KOOGALLERY_ACCESS_KEY,
      },
    },
    {
      command: `npx --no-install next start -p ${E2E_PORT} -H 127.0.0.1`,
      url: `${E2E_BASE_URL}/`,
      // Never talk to a server started elsewhere with other secrets or another database.
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...E2E_ENV,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // Every call is logged at info; in the e2e report that buries the test lines.
        LOG_LEVEL: process.env.LOG_LEVEL || "warn",
        PGLITE_DIR: e2eDataDir(),
        // Empty = unset (src/env.ts): always the fresh PGlite, never a DATABASE_URL from the shell.
        DATABASE_URL: "",
        // 联营账号 login: the specs' tenants sign in against the app's own OneAccess emulator
        // (explicitly on: `next start` is a production server), for this appId, with clientSecrets
        // encrypted for this run's key.
        ONEACCESS_EMULATOR: "1",
        KOOGALLERY_APP_ID: E2E_APP_ID,
        KOOGALLERY_RSA_PRIVATE_KEY: e2eRsaPrivateKey(),
        EMULATOR_PASSWORD: "",
      },
    },
  ],
});
