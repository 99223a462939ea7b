/**
 * 企业同步 tenantSync (docs/protocol/kit.md#tenantsync). flag 1 add, 2 modify (name and domain only),
 * 0 delete. Idempotent: a repeated add changes nothing new, a repeated delete succeeds. A
 * modify of an unknown tenant creates it (the marketplace's add may have been lost), and a
 * delete is a soft delete so login refuses the tenant while its data stays for audit; it ends
 * the tenant's signed-in sessions in the same transaction.
 */
import type { TenantSyncRequest } from "~/koogallery/kit-schemas";
import { revokeUserSessions } from "~/server/auth/session-revocation";
import type { ActivityContext, ActivityResult } from "../context";
import { retryOnUniqueViolation } from "../prisma-errors";

export async function tenantSync(ctx: ActivityContext, body: TenantSyncRequest): Promise<ActivityResult> {
  const { prisma } = ctx;
  if (body.flag === 0) {
    await prisma.$transaction(async (tx) => {
      await tx.tenant.updateMany({
        where: { tenantId: body.tenantId, deletedAt: null },
        data: { deletedAt: new Date(ctx.nowMs) },
      });
      await revokeUserSessions(tx, { tenantId: body.tenantId }, "tenant_deleted", ctx.nowMs);
    });
    return { instanceId: body.instanceId || undefined };
  }
  const binding = {
    ...(body.instanceId ? { instanceId: body.instanceId } : {}),
    ...(body.orderId ? { orderId: body.orderId } : {}),
  };
  await retryOnUniqueViolation(() =>
    prisma.tenant.upsert({
      where: { tenantId: body.tenantId },
      create: {
        tenantId: body.tenantId,
        tenantCode: body.tenantCode,
        name: body.name,
        domainName: body.domainName,
        isTest: ctx.isTest,
        ...binding,
      },
      update:
        body.flag === 2
          ? { name: body.name, domainName: body.domainName, deletedAt: null }
          : { tenantCode: body.tenantCode, name: body.name, domainName: body.domainName, deletedAt: null, ...binding },
    }),
  );
  return { instanceId: body.instanceId || undefined };
}
