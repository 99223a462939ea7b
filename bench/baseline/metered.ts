/**
 * Baseline of the metered tRPC call (POST /api/trpc/tenant.callApi): decrypt the customer's
 * next-auth session cookie (with the app's decoder: the key derived once, as the app does), read session + tenant + instance + the package grant in one query,
 * check them (session alive, tenant bound, instance active, feature in the plan), then one
 * `UPDATE … SET used = used + n` on the grant row with the balance check — and answer in tRPC's
 * superjson shape. No idempotency key, no ledger row: the raw single-row UPDATE the app's debit
 * is compared with.
 */
import { decodeSessionToken } from "~/server/auth/session-jwt";
import { API_CONSOLE_FEATURE, API_CONSOLE_METER } from "~/server/api/routers/tenant.schema";
import { CATALOG } from "~/server/billing/catalog";
import type { Catalog } from "~/server/billing/catalog-types";
import type { BaselineConfig } from "./config";
import type { Sql } from "./db";

const SESSION = `SELECT s."tenantId", s."userName", s."revokedAt", s."expiresAt", t."deletedAt", i."id" AS "instanceId", i."status"::text AS "status",
    i."expireAt", i."planId", g."id" AS "grantId", (g."quota" - g."used")::text AS "left"
  FROM "CustomerSession" s
  JOIN "Tenant" t ON t."tenantId" = s."tenantId"
  JOIN "Instance" i ON i."id" = COALESCE(t."instanceId", s."instanceId")
  LEFT JOIN LATERAL (
    SELECT "id", "quota", "used" FROM "MeterGrant" WHERE "accountKey" = i."accountKey" AND "meter" = $2 AND ("validUntil" IS NULL OR "validUntil" > now())
    ORDER BY "validUntil" ASC NULLS LAST, "validFrom" ASC LIMIT 1
  ) g ON true
  WHERE s."id" = $1`;
const DEBIT = `UPDATE "MeterGrant" SET "used" = "used" + $2 WHERE "id" = $1::uuid AND "used" + $2 <= "quota" RETURNING ("quota" - "used")::text AS "remaining"`;

interface SessionRow {
  tenantId: string;
  userName: string;
  revokedAt: Date | null;
  expiresAt: Date;
  deletedAt: Date | null;
  instanceId: string;
  status: string;
  expireAt: Date | null;
  planId: string | null;
  grantId: string | null;
  left: string | null;
}

export interface TrpcAnswer {
  status: number;
  body: string;
}

const refuse = (status: number, code: string, message: string): TrpcAnswer => ({
  status,
  body: JSON.stringify({ error: { json: { message, code: -32600, data: { code, httpStatus: status } } } }),
});

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PLANS: Catalog["plans"] = CATALOG.plans;

export function meteredHandler(sql: Sql, cfg: BaselineConfig) {
  const lost: { calls: number; initialLeft?: number } = { calls: 0 };
  return async (rawBody: string, cookieHeader: string | undefined): Promise<TrpcAnswer> => {
    const jwt = cookieValue(cookieHeader, "next-auth.session-token");
    const token = jwt ? await decodeSessionToken(jwt, cfg.nextAuthSecret).catch(() => null) : null;
    const user = token?.user;
    if (!token?.sid || user?.kind !== "customer") return refuse(401, "UNAUTHORIZED", "UNAUTHENTICATED");

    let input: { count?: unknown; requestId?: unknown } = {};
    try {
      input = (JSON.parse(rawBody) as { json?: typeof input }).json ?? {};
    } catch {
      return refuse(400, "BAD_REQUEST", "INVALID_INPUT");
    }
    const count = input.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 1000 || typeof input.requestId !== "string" || !REQUEST_ID.test(input.requestId)) {
      return refuse(400, "BAD_REQUEST", "INVALID_INPUT");
    }

    const [s] = await sql.query<SessionRow>(SESSION, [token.sid, API_CONSOLE_METER]);
    const now = Date.now();
    if (!s || s.tenantId !== user.tenantId || s.userName !== user.userName || s.revokedAt || new Date(s.expiresAt).getTime() <= now) {
      return refuse(401, "UNAUTHORIZED", "UNAUTHENTICATED");
    }
    if (s.deletedAt) return refuse(403, "FORBIDDEN", "FORBIDDEN");
    if (s.status !== "ACTIVE" || (s.expireAt && new Date(s.expireAt).getTime() <= now)) return refuse(403, "FORBIDDEN", "INSTANCE_NOT_ACTIVE");
    if (!s.planId || !PLANS[s.planId]?.features.includes(API_CONSOLE_FEATURE) || !s.grantId) return refuse(403, "FORBIDDEN", "FEATURE_NOT_IN_PLAN");

    let remaining: number;
    if (cfg.inject === "lost-debit") {
      // Answers exactly as if every call were debited (one process, one counter), but debits
      // only every other call: only the ledger check can notice.
      const n = ++lost.calls;
      lost.initialLeft ??= Number(s.left);
      if (n % 2 === 0) await sql.query(DEBIT, [s.grantId, count]);
      remaining = lost.initialLeft - n * count;
    } else {
      const [debited] = await sql.query<{ remaining: string }>(DEBIT, [s.grantId, count]);
      if (!debited) return refuse(403, "FORBIDDEN", "PACKAGE_EXHAUSTED");
      remaining = Number(debited.remaining);
    }
    const data = { replayed: false, served: count, fromPrepaid: count, onDemand: 0, remaining, servedAt: new Date().toISOString() };
    return { status: 200, body: JSON.stringify({ result: { data: { json: data, meta: { values: { servedAt: ["Date"] } } } } }) };
  };
}
