/**
 * What every endpoint of the emulator works with: the database slice it reads, the options the
 * mount passes, and the per-request context built from both (handler.ts builds it once per
 * request). Plus the checks several endpoints share: the still-active user, the allowed redirect.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { EmulatorStore } from "./store";

export type EmulatorDb = Pick<PrismaClient, "tenant" | "application" | "tenantUser" | "department">;

export const EMULATOR_DEFAULT_PASSWORD = "demo";
export const EMULATOR_SESSION_COOKIE = "oneaccess_emulator_sso";

export interface EmulatorOptions {
  /** Path the emulator is mounted at, e.g. `/dev/oneaccess/{tenantId}` (= domainName's path). */
  basePath: string;
  /** The tenant this mount serves (Tenant.tenantId). */
  tenantId: string;
  /** Must be true (ONEACCESS_EMULATOR=1); anything else answers 404. */
  enabled?: boolean;
  /** Password every emulated user signs in with (EMULATOR_PASSWORD), default "demo". */
  password?: string;
  /** Access token `expires_in`, default 7200 s. */
  accessTokenTtlSeconds?: number;
  /** Default 30 days. */
  refreshTokenTtlSeconds?: number;
  /** Default 300 s. */
  codeTtlSeconds?: number;
  /** Emulator SSO session lifetime, default 8 h. */
  sessionTtlSeconds?: number;
  /** Default true: every refresh answers a new refresh_token and invalidates the old one. */
  rotateRefreshTokens?: boolean;
  /** Default false: also authenticate disabled and never-synced accounts (see the header). */
  directoryLogins?: boolean;
  /** Origins redirect_uri / redirect_url may point to; default only the request's own origin. */
  allowedRedirectOrigins?: string[];
  /** Default: the process-wide in-memory store. Tests pass their own. */
  store?: EmulatorStore;
  /** Clock, default Date.now. */
  now?: () => number;
}

export interface Ctx {
  db: EmulatorDb;
  request: Request;
  url: URL;
  base: string;
  tenantId: string;
  store: EmulatorStore;
  nowMs: number;
  opts: Required<
    Pick<EmulatorOptions, "password" | "accessTokenTtlSeconds" | "refreshTokenTtlSeconds" | "codeTtlSeconds" | "sessionTtlSeconds" | "rotateRefreshTokens" | "directoryLogins">
  > & {
    allowedRedirectOrigins: string[];
  };
}

/** The synced user if it may still sign in (not deleted, enabled). */
export async function activeUser(ctx: Ctx, userName: string) {
  const user = await ctx.db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId: ctx.tenantId, userName } } });
  return user && !user.deletedAt && user.enabled ? user : null;
}

/** Why `target` may not be redirected to, or undefined when it may. */
export function checkRedirect(ctx: Ctx, target: string): string | undefined {
  if (!target) return "redirect_uri is required.";
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    return `${target} is not an absolute URL.`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `${target} is not http(s).`;
  if (!ctx.opts.allowedRedirectOrigins.includes(u.origin)) {
    return `${u.origin} is not an allowed redirect origin (allowed: ${ctx.opts.allowedRedirectOrigins.join(", ")}).`;
  }
  return undefined;
}
