/**
 * Local OneAccess emulator (development tool, never imported by production code: eslint.config.mjs).
 * Mounted by the app's catch-all route src/app/dev/oneaccess/[tenantId]/[...path]/route.ts,
 * gated by ONEACCESS_EMULATOR — see handler.ts for behaviour and decisions, one file per endpoint
 * (authorize.ts, token.ts, userinfo.ts, logout.ts).
 */
export { handleEmulatorRequest } from "./handler";
export { EMULATOR_DEFAULT_PASSWORD, EMULATOR_SESSION_COOKIE, type EmulatorDb, type EmulatorOptions } from "./context";
export { EmulatorStore, getEmulatorStore } from "./store";

/**
 * Whether the emulator may answer: only when ONEACCESS_EMULATOR is explicitly on ("1", "true",
 * "yes", "on", as src/env.ts reads it; the app's route uses `getEnv().ONEACCESS_EMULATOR`) —
 * never by default, in any NODE_ENV (e2e runs `next start`, i.e. production mode, with it set).
 */
export function emulatorEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.ONEACCESS_EMULATOR?.trim().toLowerCase();
  return v === "1" || v === "true" || v === "yes" || v === "on";
}

/** The domainName to sync for a tenant that should log in against this app's emulator. */
export function emulatorDomainName(appUrl: string, tenantId: string): string {
  return `${appUrl.replace(/\/+$/, "")}${emulatorBasePath(tenantId)}`;
}

/** The emulator's mount path for a tenant (an unpaired surrogate, which no URL can carry, as U+FFFD). */
export function emulatorBasePath(tenantId: string): string {
  const wellFormed = tenantId.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\uFFFD");
  return `/dev/oneaccess/${encodeURIComponent(wellFormed)}`;
}
