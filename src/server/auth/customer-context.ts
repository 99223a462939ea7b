/**
 * Everything a customer's tRPC call needs before its own work, in ONE statement: the
 * CustomerSession row (revocation: logout, authSync disable, tenant unbinding, failed refresh),
 * the Tenant row (its current instance binding) and that instance's account members (status,
 * expiry, trial, plans — the entitlement). A metered call (tenant.callApi) is then this statement
 * plus its share of one batched debit (src/server/billing/debit-batcher.ts): README "Benchmarks".
 *
 * Nothing is cached between calls: every call reads the session row and the instances as
 * committed now, so a sign-out, a disabled user or a released or frozen instance refuses the
 * very next call. Only a session whose OneAccess access token is due for refresh takes the slow
 * path (checkCustomerSession: the refresh claim and the sign-in checks; customer-session.ts).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { accountMembersSql, type MemberRow } from "~/server/billing";
import { queryVia } from "~/server/db/sql";
import { AppError } from "~/server/errors";
import { needsRefresh } from "~/server/oneaccess";
import { checkCustomerSession, customerUserFromRow, REFRESH_SKEW_MS, sessionCheckDeps } from "./customer-session";
import type { CustomerUser } from "./session-user";

/**
 * Who a request says it is: a customer JWT's user and CustomerSession id, not yet checked
 * against the row (`sid` null: a session the caller already checked, e.g. tests' contexts).
 */
export interface CustomerClaim {
  sid: string | null;
  user: CustomerUser;
}

export interface CustomerContext {
  /** The user as the session row says now. */
  user: CustomerUser;
  tenant: { tenantId: string; tenantCode: string; name: string; instanceId: string; isTest: boolean };
  /**
   * Member rows of `tenant.instanceId`'s account (empty: the instance does not exist); null when
   * a token refresh just moved the user to another instance (then read separately).
   */
  accountRows: MemberRow[] | null;
}

interface SessionPart {
  tenantId: string;
  userName: string;
  name: string;
  role: string;
  instanceId: string;
  revoked: boolean;
  expiresAt: number;
  accessTokenExpiresAt: number;
}

interface ContextRow {
  session: SessionPart | null;
  tenant: { tenantId: string; tenantCode: string; name: string; instanceId: string | null; deleted: boolean; isTest: boolean } | null;
  instanceId: string | null;
  members: MemberRow[] | null;
}

const epochMs = (column: string) => `(EXTRACT(EPOCH FROM "${column}") * 1000)::float8 AS "${column}"`;

/** $1 session id (may be null), $2 the claimed tenantId, $3 the claimed instance (fallback binding). */
const SQL = `
WITH s AS (
  SELECT "tenantId", "userName", "name", "role", "instanceId", "revokedAt" IS NOT NULL AS "revoked",
         ${epochMs("expiresAt")}, ${epochMs("accessTokenExpiresAt")}
    FROM "CustomerSession" WHERE "id" = $1::text
),
t AS (
  SELECT "tenantId", "tenantCode", "name", "instanceId", "deletedAt" IS NOT NULL AS "deleted", "isTest"
    FROM "Tenant" WHERE "tenantId" = $2::text
),
target AS (
  SELECT COALESCE((SELECT "instanceId" FROM t), (SELECT "instanceId" FROM s), $3::text) AS "id"
)
SELECT (SELECT row_to_json(s) FROM s) AS "session",
       (SELECT row_to_json(t) FROM t) AS "tenant",
       (SELECT "id" FROM target) AS "instanceId",
       (SELECT json_agg(m) FROM (${accountMembersSql(`(SELECT "id" FROM target)`)}) m) AS "members"
`;

/**
 * Checks the claim's session row and loads its tenant and account, in one statement. Throws
 * UNAUTHENTICATED (no such session, revoked, expired, another user's) or FORBIDDEN (the
 * organisation is no longer bound to this app).
 */
export async function resolveCustomerContext(db: PrismaClient, claim: CustomerClaim, nowMs: number = Date.now()): Promise<CustomerContext> {
  const [row] = await queryVia<ContextRow>(db, { name: "customer_context", text: SQL, values: [claim.sid, claim.user.tenantId, claim.user.instanceId] });
  const r = parse(row);
  let user = claim.user;
  if (claim.sid !== null) {
    const s = r.session;
    if (!s || s.tenantId !== claim.user.tenantId || s.userName !== claim.user.userName || s.revoked || s.expiresAt <= nowMs) {
      throw new AppError("UNAUTHENTICATED", "the session has ended");
    }
    if (needsRefresh(s.accessTokenExpiresAt, nowMs, REFRESH_SKEW_MS)) {
      // Once per access-token lifetime (2 h): the refresh path with its own statements.
      const checked = await checkCustomerSession(sessionCheckDeps(db), claim.sid, claim.user);
      if (!checked.ok) throw new AppError("UNAUTHENTICATED", checked.message);
      user = checked.user;
    } else {
      user = customerUserFromRow(s);
    }
  }
  const t = r.tenant;
  if (!t || t.deleted) throw new AppError("FORBIDDEN", "the organisation is no longer bound to this app");
  const instanceId = t.instanceId ?? user.instanceId;
  return {
    user,
    tenant: { tenantId: t.tenantId, tenantCode: t.tenantCode, name: t.name, instanceId, isTest: t.isTest },
    accountRows: instanceId === r.instanceId ? (r.members ?? []) : null,
  };
}

/** json columns arrive parsed from the drivers; Prisma's raw fallback may hand over text. */
function parse(row: ContextRow | undefined): ContextRow {
  if (!row) throw new Error("customer context statement answered no row");
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return { session: json(row.session), tenant: json(row.tenant), instanceId: row.instanceId, members: json(row.members) };
}
