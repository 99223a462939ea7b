/**
 * The secrets every server of a bench run shares (app and baseline alike), and the bench itself
 * to sign calls, seal seeded passwords and mint the customer's session cookie. Bench-only values.
 */
export const BENCH_SECRETS = {
  NEXTAUTH_SECRET: "bench-nextauth-secret-not-for-production-0123",
  // 32 bytes, base64 ("bench-only-data-encryption-key!!").
  DATA_ENCRYPTION_KEY: Buffer.from("bench-only-data-encryption-key!!").toString("base64"),
  STAFF_PASSWORD: "bench-staff-password",
  KOOGALLERY_ACCESS_KEY: "bench-koogallery-access-key",
} as const;

/** The signature window the app uses by default (KOOGALLERY_SIGNATURE_WINDOW_SECONDS = 60). */
export const SIGNATURE_WINDOW_MS = 60_000;

/** The customer's session cookie name over plain http (next-auth's non-secure name). */
export const SESSION_COOKIE = "next-auth.session-token";
