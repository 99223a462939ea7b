/**
 * What the metered scenarios need in a database before its server starts: 用完即停 package
 * instances (the rows newInstance writes for such a plan, with a package big enough for the
 * run), and for the HTTP scenarios a Kit tenant bound to the package plus a signed-in customer
 * — a CustomerSession row and the next-auth JWT cookie that points at it, exactly what a
 * OneAccess sign-in leaves behind (src/server/auth/customer-session.ts).
 */
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { PrismaClient } from "~/generated/prisma/client";
import { API_CONSOLE_FEATURE, API_CONSOLE_METER } from "~/server/api/routers/tenant.schema";
import { ownAccountKey } from "~/server/billing/account";
import { CATALOG } from "~/server/billing/catalog";
import { seal } from "~/server/crypto/at-rest";
import type { CustomerUser } from "~/server/auth/session-user";
import { BENCH_SECRETS, SESSION_COOKIE } from "./secrets";

export const METER = API_CONSOLE_METER;

/** The catalog's 用完即停 plan that unlocks the API console and prepays its meter. */
export function stopPackagePlanId(): string {
  const found = Object.entries(CATALOG.plans).find(
    ([, p]) => p.billingMode === "STOP_WHEN_USED_UP_PKG" && p.features.includes(API_CONSOLE_FEATURE) && p.package?.[METER] !== undefined,
  );
  if (!found) throw new Error(`the catalog has no 用完即停 plan with feature "${API_CONSOLE_FEATURE}" and meter "${METER}"`);
  return found[0];
}

export interface SeededPackage {
  instanceId: string;
  accountKey: string;
  grantId: string;
  quota: number;
}

export interface SeededCustomer extends SeededPackage {
  tenantId: string;
  /** `Cookie` header value of the signed-in customer. */
  cookie: string;
}

/** A 用完即停 package instance (its own account) holding `quota` of the API console meter. */
export async function seedPackage(prisma: PrismaClient, label: string, quota: number): Promise<SeededPackage> {
  const instanceId = `bench-${label}-${randomBytes(4).toString("hex")}`;
  const orderId = `CSBENCH${randomBytes(6).toString("hex").toUpperCase()}`;
  const orderLineId = `${orderId}-000001`;
  const accountKey = ownAccountKey(instanceId);
  await prisma.instance.create({
    data: {
      id: instanceId,
      newInstanceKey: `line:${orderId}:${orderLineId}`,
      orderId,
      orderLineId,
      businessId: instanceId,
      adminUserName: "admin_bench",
      adminPasswordEnc: seal(randomBytes(12).toString("base64url"), BENCH_SECRETS.DATA_ENCRYPTION_KEY),
      planId: stopPackagePlanId(),
      accountKey,
    },
  });
  const grant = await prisma.meterGrant.create({
    data: {
      grantKey: `pkg:${orderId}:${orderLineId}:${METER}`,
      accountKey,
      meter: METER,
      kind: "PACKAGE",
      sourceInstanceId: instanceId,
      quota: String(quota),
      validFrom: new Date(Date.now() - 60_000),
    },
    select: { id: true },
  });
  return { instanceId, accountKey, grantId: grant.id, quota };
}

/** A package, its Kit tenant, and a customer signed in to it (session row + cookie). */
export async function seedCustomer(prisma: PrismaClient, label: string, quota: number): Promise<SeededCustomer> {
  const pkg = await seedPackage(prisma, label, quota);
  const suffix = randomBytes(4).toString("hex");
  const tenantId = `bench-tenant-${suffix}`;
  await prisma.tenant.create({
    data: { tenantId, tenantCode: `bench-${suffix}`, name: `Bench ${label}`, domainName: "https://oneaccess.bench.invalid", instanceId: pkg.instanceId },
  });
  const user: CustomerUser = { kind: "customer", name: "Bench", tenantId, userName: "bench", role: "admin", instanceId: pkg.instanceId };
  const sid = randomBytes(24).toString("base64url");
  const now = Date.now();
  const DAY = 86_400_000;
  await prisma.customerSession.create({
    data: {
      id: sid,
      tenantId,
      userName: user.userName,
      appId: "bench-app",
      name: user.name,
      role: user.role,
      instanceId: pkg.instanceId,
      accessTokenEnc: seal("bench-access-token", BENCH_SECRETS.DATA_ENCRYPTION_KEY),
      // Far from expiry: no request of the run triggers a OneAccess token refresh.
      accessTokenExpiresAt: new Date(now + 30 * DAY),
      expiresAt: new Date(now + DAY),
    },
  });
  const jwt = await encode({ token: { sub: `${tenantId}:${user.userName}`, name: user.name, user, sid }, secret: BENCH_SECRETS.NEXTAUTH_SECRET, maxAge: 86_400 });
  return { ...pkg, tenantId, cookie: `${SESSION_COOKIE}=${jwt}` };
}
