/**
 * Customer (联营账号) sessions on the server.
 *
 * The session cookie is a next-auth JWT, which stays valid until it expires wherever it was
 * copied to. So a customer JWT carries only `sid`, the id of a CustomerSession row, and every
 * request checks that row (one primary-key read): logout revokes it and the copied cookie is
 * dead. The row also holds the tenant's OneAccess tokens (sealed). They are refreshed in place
 * when they are about to expire — from the row, never from the cookie, because server
 * components cannot rewrite cookies (next-auth's getServerSession drops them there) and
 * OneAccess may rotate refresh tokens.
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
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { getEnv } from "~/env";
import type { CustomerSession, PrismaClient } from "~/generated/prisma/client";
import { seal, unseal } from "~/server/crypto/at-rest";
import { ensureDatabaseReady } from "~/server/db";
import {
  DEFAULT_TIMEOUT_MS,
  isOneAccessError,
  needsRefresh,
  refreshAccessToken,
  resolveCustomer,
  resolveTenantLogin,
  tokenExpiresAt,
  type Customer,
  type FetchLike,
  type OneAccessDb,
  type OneAccessError,
  type OneAccessTokens,
} from "~/server/oneaccess";
import { loginErrorForCustomer, loginErrorForTenantLogin, type LoginErrorCode } from "./login-errors";
import { loginErrorForRevocation } from "./session-revocation";
import { isCustomerUser, type CustomerUser } from "./session-user";
import { logger } from "~/server/observability/logger";

export type CustomerSessionDb = OneAccessDb & Pick<PrismaClient, "customerSession">;

/** Refresh this long before the access token expires. */
export const REFRESH_SKEW_MS = 60_000;

/** How long a refresh claim holds beyond the OneAccess call's own time limit (crashed holder). */
const REFRESH_LOCK_SLACK_MS = 5_000;

/** Rows are deleted this long after they expired (revoked ones are kept until then, for audit). */
const KEEP_EXPIRED_MS = 24 * 3600_000;

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
// Rows

export function customerUserFromRow(row: Pick<CustomerSession, "name" | "tenantId" | "userName" | "role" | "instanceId">): CustomerUser {
  return { kind: "customer", name: row.name, tenantId: row.tenantId, userName: row.userName, role: row.role, instanceId: row.instanceId };
}

export type ResolvedCustomer = Extract<Customer, { ok: true }>;

/** The session user of a customer who passed resolveCustomer (at sign-in and at every refresh). */
export function customerSessionUser(customer: ResolvedCustomer): CustomerUser {
  return {
    kind: "customer",
    name: customer.user.name || customer.user.userName,
    tenantId: customer.tenant.tenantId,
    userName: customer.user.userName,
    role: customer.user.role,
    instanceId: customer.instance.id,
  };
}

export interface CreateCustomerSessionInput {
  user: CustomerUser;
  /** Application.appId of the OAuth client that signed the user in. */
  appId: string;
  tokens: SessionTokens;
  maxAgeSeconds: number;
  nowMs?: number;
}

/** Stores a new session and answers its id (the JWT's `sid`). */
export async function createCustomerSession(db: Pick<PrismaClient, "customerSession">, input: CreateCustomerSessionInput): Promise<string> {
  const nowMs = input.nowMs ?? Date.now();
  const id = randomBytes(24).toString("base64url");
  await db.customerSession.create({
    data: {
      id,
      tenantId: input.user.tenantId,
      userName: input.user.userName,
      appId: input.appId,
      name: input.user.name.slice(0, 64),
      role: input.user.role,
      instanceId: input.user.instanceId,
      accessTokenEnc: seal(input.tokens.accessToken),
      refreshTokenEnc: input.tokens.refreshToken ? seal(input.tokens.refreshToken) : null,
      accessTokenExpiresAt: new Date(input.tokens.expiresAtMs),
      createdAt: new Date(nowMs),
      expiresAt: new Date(nowMs + input.maxAgeSeconds * 1000),
    },
  });
  // Housekeeping on the (rare) sign-in path, by the expiresAt index.
  await db.customerSession.deleteMany({ where: { expiresAt: { lt: new Date(nowMs - KEEP_EXPIRED_MS) } } });
  return id;
}

/** Ends a session (logout, or a check that failed). Answers the row as it was, or null. */
export async function revokeCustomerSession(
  db: Pick<PrismaClient, "customerSession">,
  sid: string,
  reason: string,
  nowMs: number = Date.now(),
): Promise<CustomerSession | null> {
  const row = await db.customerSession.findUnique({ where: { id: sid } });
  if (row && !row.revokedAt) {
    await db.customerSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date(nowMs), revokedReason: reason.slice(0, 32) } });
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// The per-request check

export type SessionCheck = { ok: true; user: CustomerUser } | { ok: false; code: LoginErrorCode; message: string };

export interface SessionCheckDeps {
  db: CustomerSessionDb;
  nowMs?: number;
  /** KOOGALLERY_APP_ID is set: the user's grant for the session's app is re-checked at refresh. */
  requireGrant?: boolean;
  fetch?: FetchLike;
  timeoutMs?: number;
  skewMs?: number;
  log?: (line: string) => void;
}

/** Whether the session `sid` (claimed by a JWT for `expected`) is alive; refreshes its tokens when due. */
export async function checkCustomerSession(
  deps: SessionCheckDeps,
  sid: string,
  expected: { tenantId: string; userName: string },
): Promise<SessionCheck> {
  const nowMs = deps.nowMs ?? Date.now();
  const row = await deps.db.customerSession.findUnique({ where: { id: sid } });
  if (!row || row.tenantId !== expected.tenantId || row.userName !== expected.userName) {
    return { ok: false, code: "session_expired", message: `unknown session ${short(sid)}` };
  }
  if (row.revokedAt) {
    return { ok: false, code: loginErrorForRevocation(row.revokedReason), message: `session ${short(sid)} was revoked (${row.revokedReason ?? "?"})` };
  }
  if (row.expiresAt.getTime() <= nowMs) return { ok: false, code: "session_expired", message: `session ${short(sid)} expired` };
  if (!needsRefresh(row.accessTokenExpiresAt.getTime(), nowMs, deps.skewMs ?? REFRESH_SKEW_MS)) {
    return { ok: true, user: customerUserFromRow(row) };
  }
  return refreshSession(deps, row, nowMs);
}

async function refreshSession(deps: SessionCheckDeps, row: CustomerSession, nowMs: number): Promise<SessionCheck> {
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

function short(sid: string): string {
  return `${sid.slice(0, 8)}…`;
}

// ---------------------------------------------------------------------------------------------
// The jwt callback's customer branch

export type SessionChecker = (sid: string, expected: { tenantId: string; userName: string }) => Promise<SessionCheck>;

/** The app's checker: the process database, KOOGALLERY_APP_ID and ONEACCESS_TIMEOUT_MS. */
export const defaultSessionChecker: SessionChecker = async (sid, expected) => {
  const env = getEnv();
  const db = (await ensureDatabaseReady()).prisma;
  return checkCustomerSession({ db, requireGrant: !!env.KOOGALLERY_APP_ID, timeoutMs: env.ONEACCESS_TIMEOUT_MS }, sid, expected);
};

/**
 * On every request with a customer JWT: keep it only while its CustomerSession lives, with the
 * user as the row now says; otherwise drop the user (signed out) and say why in `ended`.
 */
export async function customerJwt(token: JWT, check: SessionChecker = defaultSessionChecker): Promise<JWT> {
  const user = token.user;
  if (!isCustomerUser(user)) return token;
  const result = token.sid
    ? await check(token.sid, { tenantId: user.tenantId, userName: user.userName })
    : ({ ok: false, code: "session_expired", message: "customer token without a session id" } as const);
  if (result.ok) return { ...token, user: result.user };
  const { user: _user, sid: _sid, ...rest } = token;
  return { ...rest, ended: result.code };
}
