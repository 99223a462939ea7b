/**
 * Refreshing a customer session's OneAccess tokens (the per-request check is customer-session.ts).
 *
 * Refresh (docs/protocol/login.md#endpoints "accesstoken续期": access token 2 h, refresh token 30 days):
 * - at most once per token lifetime, by the first request that finds the access token within
 *   REFRESH_SKEW_MS of expiring; it first re-runs the sign-in checks (tenant, user synced and
 *   enabled, grant, instance not released), so a user the marketplace disabled loses the
 *   session at the next refresh at the latest;
 * - one request claims the refresh (`refreshLockedUntil`, a conditional update) and writes the
 *   new tokens with a compare-and-set on `tokenVersion`; requests arriving meanwhile keep the
 *   session as the row is (a rotated refresh token must be spent exactly once — two refreshes
 *   with it would make OneAccess refuse the second and end a healthy session);
 * - invalid_grant / unauthorized (refresh token dead, client refused) end the session, as does
 *   any failure once the access token has expired; a transient failure (network, timeout, 5xx)
 *   before expiry keeps the session and the next request tries again.
 */
import { logger } from "~/server/observability/logger";
import type { CustomerSession } from "~/generated/prisma/client";
import { seal, unseal } from "~/server/crypto/at-rest";
import {
  DEFAULT_TIMEOUT_MS,
  isOneAccessError,
  needsRefresh,
  refreshAccessToken,
  resolveCustomer,
  resolveTenantLogin,
  tokenExpiresAt,
  type OneAccessError,
  type OneAccessTokens,
} from "~/server/oneaccess";
// Functions only, called at request time: the two halves may import each other.
import { customerSessionUser, customerUserFromRow, revokeCustomerSession, type CustomerSessionDb, type SessionCheck, type SessionCheckDeps } from "./customer-session";
import { loginErrorForCustomer, loginErrorForTenantLogin, type LoginErrorCode } from "./login-errors";

/** Refresh this long before the access token expires. */
export const REFRESH_SKEW_MS = 60_000;

/** How long a refresh claim holds beyond the OneAccess call's own time limit (crashed holder). */
const REFRESH_LOCK_SLACK_MS = 5_000;


/** The OneAccess tokens of a session. */
export interface SessionTokens {
  accessToken: string;
  /** OneAccess generates one by default (valid 30 days); without it the session ends with the access token. */
  refreshToken?: string;
  /** Absolute expiry of the access token, ms since epoch. */
  expiresAtMs: number;
}

export function tokensFromResponse(t: OneAccessTokens, nowMs: number, previousRefreshToken?: string): SessionTokens {
  return {
    accessToken: t.access_token,
    // A refresh answer without refresh_token keeps the one we have (rotation is unconfirmed).
    refreshToken: t.refresh_token ?? previousRefreshToken,
    expiresAtMs: tokenExpiresAt(nowMs, t.expires_in),
  };
}

// ---------------------------------------------------------------------------------------------
// The refresh decision (no database; unit-tested with spec-shaped answers)

export type RefreshOutcome =
  /** The access token is good for longer than the skew. */
  | { kind: "fresh" }
  | { kind: "refreshed"; tokens: SessionTokens }
  /** Refresh failed transiently (or there is no refresh token) while the access token is still valid. */
  | { kind: "kept"; error?: OneAccessError }
  /** The session must end. */
  | { kind: "failed"; error?: unknown; message: string };

export interface RefreshInput {
  refreshToken?: string;
  expiresAtMs: number;
}

export async function refreshIfNeeded(
  current: RefreshInput,
  opts: { nowMs: number; skewMs?: number; refresh: (refreshToken: string) => Promise<OneAccessTokens> },
): Promise<RefreshOutcome> {
  const { nowMs } = opts;
  if (!needsRefresh(current.expiresAtMs, nowMs, opts.skewMs ?? REFRESH_SKEW_MS)) return { kind: "fresh" };
  const stillValid = nowMs < current.expiresAtMs;
  if (!current.refreshToken) {
    return stillValid ? { kind: "kept" } : { kind: "failed", message: "the access token expired and OneAccess gave no refresh token" };
  }
  try {
    const answer = await opts.refresh(current.refreshToken);
    return { kind: "refreshed", tokens: tokensFromResponse(answer, nowMs, current.refreshToken) };
  } catch (err) {
    const transient = isOneAccessError(err) && (err.kind === "network" || err.kind === "timeout" || err.kind === "bad_response");
    if (transient && stillValid) return { kind: "kept", error: err };
    return { kind: "failed", error: err, message: err instanceof Error ? err.message : String(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// The refresh of a session row (checkCustomerSession calls it when the access token is due)

export async function refreshSession(deps: SessionCheckDeps, row: CustomerSession, nowMs: number): Promise<SessionCheck> {
  const { db } = deps;
  const log = deps.log ?? ((line: string) => logger("auth").warn(line));
  const end = async (code: LoginErrorCode, reason: string, message: string): Promise<SessionCheck> => {
    await revokeCustomerSession(db, row.id, reason, nowMs);
    log(`[auth] customer session ${short(row.id)} (${row.tenantId}/${row.userName}) ended: ${message}`);
    return { ok: false, code, message };
  };

  // The same checks as at sign-in: the marketplace may have changed the tenant or the user since.
  const login = await resolveTenantLogin(db, row.tenantId, { appId: row.appId });
  if (!login.ok) return end(loginErrorForTenantLogin(login.reason), login.reason, login.message);
  const customer = await resolveCustomer(db, { tenantId: row.tenantId, userName: row.userName, appId: deps.requireGrant ? row.appId : undefined });
  if (!customer.ok) return end(loginErrorForCustomer(customer.reason), customer.reason, customer.message);

  // Claim the refresh, so the (possibly rotating) refresh token is spent once.
  const lockMs = (deps.timeoutMs ?? DEFAULT_TIMEOUT_MS) + REFRESH_LOCK_SLACK_MS;
  const claimed = await db.customerSession.updateMany({
    where: {
      id: row.id,
      tokenVersion: row.tokenVersion,
      revokedAt: null,
      OR: [{ refreshLockedUntil: null }, { refreshLockedUntil: { lte: new Date(nowMs) } }],
    },
    data: { refreshLockedUntil: new Date(nowMs + lockMs) },
  });
  // Another request is refreshing (or just did): this one goes on with the row as it is now.
  if (claimed.count === 0) return current(db, row.id, nowMs);

  let refreshToken: string | undefined;
  try {
    refreshToken = row.refreshTokenEnc ? unseal(row.refreshTokenEnc) : undefined;
  } catch (err) {
    return end("session_expired", "refresh_failed", `refresh token cannot be unsealed (${(err as Error).message})`);
  }
  const outcome = await refreshIfNeeded(
    { refreshToken, expiresAtMs: row.accessTokenExpiresAt.getTime() },
    {
      nowMs,
      skewMs: deps.skewMs,
      refresh: (rt) =>
        refreshAccessToken({
          domainName: login.tenant.domainName,
          clientId: login.application.clientId,
          clientSecret: login.clientSecret,
          refreshToken: rt,
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
        }),
    },
  );
  const user = customerSessionUser(customer);
  const shown = { name: user.name.slice(0, 64), role: user.role, instanceId: user.instanceId };

  switch (outcome.kind) {
    case "fresh":
    case "kept":
      if (outcome.kind === "kept" && outcome.error) {
        log(`[auth] customer session ${short(row.id)}: refresh failed, retrying on a later request: ${outcome.error.message}`);
      }
      await db.customerSession.updateMany({ where: { id: row.id, tokenVersion: row.tokenVersion }, data: { refreshLockedUntil: null } });
      return { ok: true, user: customerUserFromRow({ ...row, ...shown }) };
    case "refreshed": {
      const { count } = await db.customerSession.updateMany({
        where: { id: row.id, tokenVersion: row.tokenVersion, revokedAt: null },
        data: {
          accessTokenEnc: seal(outcome.tokens.accessToken),
          refreshTokenEnc: outcome.tokens.refreshToken ? seal(outcome.tokens.refreshToken) : null,
          accessTokenExpiresAt: new Date(outcome.tokens.expiresAtMs),
          tokenVersion: { increment: 1 },
          refreshLockedUntil: null,
          ...shown,
        },
      });
      if (count === 1) return { ok: true, user: customerUserFromRow({ ...row, ...shown }) };
      // Another request refreshed (or revoked) first: its row wins.
      return current(db, row.id, nowMs);
    }
    case "failed":
      return end("session_expired", "refresh_failed", `token refresh failed: ${outcome.message}`);
  }
}

async function current(db: CustomerSessionDb, sid: string, nowMs: number): Promise<SessionCheck> {
  const row = await db.customerSession.findUnique({ where: { id: sid } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= nowMs) return { ok: false, code: "session_expired", message: `session ${short(sid)} ended` };
  return { ok: true, user: customerUserFromRow(row) };
}

export function short(sid: string): string {
  return `${sid.slice(0, 8)}…`;
}

