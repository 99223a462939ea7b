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
 * tRPC calls check the row inside the one statement that also loads the tenant and its
 * entitlement (customer-context.ts); pages go through the jwt callback below. Token refresh
 * (when the access token is about to expire) is in customer-session-refresh.ts.
 */
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { getEnv } from "~/env";
import type { CustomerSession, PrismaClient } from "~/generated/prisma/client";
import { seal } from "~/server/crypto/at-rest";
import { ensureDatabaseReady } from "~/server/db";
import { needsRefresh, type Customer, type FetchLike, type OneAccessDb } from "~/server/oneaccess";
import { REFRESH_SKEW_MS, refreshSession, short, type SessionTokens } from "./customer-session-refresh";
import type { LoginErrorCode } from "./login-errors";
import { loginErrorForRevocation } from "./session-revocation";
import { isCustomerUser, type CustomerUser } from "./session-user";

// The refresh half, re-exported so importers keep one module for customer sessions.
export { REFRESH_SKEW_MS, refreshIfNeeded, tokensFromResponse } from "./customer-session-refresh";
export type { RefreshInput, RefreshOutcome, SessionTokens } from "./customer-session-refresh";

export type CustomerSessionDb = OneAccessDb & Pick<PrismaClient, "customerSession">;

/** Rows are deleted this long after they expired (revoked ones are kept until then, for audit). */
const KEEP_EXPIRED_MS = 24 * 3600_000;

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

// ---------------------------------------------------------------------------------------------
// The jwt callback's customer branch

export type SessionChecker = (sid: string, expected: { tenantId: string; userName: string }) => Promise<SessionCheck>;

/** The app's check settings on `db`: KOOGALLERY_APP_ID and ONEACCESS_TIMEOUT_MS. */
export function sessionCheckDeps(db: CustomerSessionDb): SessionCheckDeps {
  const env = getEnv();
  return { db, requireGrant: !!env.KOOGALLERY_APP_ID, timeoutMs: env.ONEACCESS_TIMEOUT_MS };
}

/** The app's checker: the process database. */
export const defaultSessionChecker: SessionChecker = async (sid, expected) =>
  checkCustomerSession(sessionCheckDeps((await ensureDatabaseReady()).prisma), sid, expected);

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
