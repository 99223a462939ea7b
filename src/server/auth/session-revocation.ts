/**
 * Ending customer sessions because the marketplace said so (Kit sync), inside the sync's own
 * transaction: the sync is answered only once the sessions are gone, and a sync that rolls
 * back revokes nothing. The per-request session check (customer-session.ts) then refuses the
 * cookie on its very next request — no waiting for the next token refresh.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { LoginErrorCode } from "./login-errors";

/** CustomerSession.revokedReason values written here, and what /login then tells the user. */
const REASONS = {
  disabled: "disabled",
  deleted: "not_synced",
  unauthorized: "not_granted",
  tenant_deleted: "tenant_unknown",
} as const satisfies Record<string, LoginErrorCode>;

export type RevocationReason = keyof typeof REASONS;

/** The /login?error= code for a session revoked with `reason` (any other reason: session_expired). */
export function loginErrorForRevocation(reason: string | null): LoginErrorCode {
  return reason && Object.hasOwn(REASONS, reason) ? REASONS[reason as RevocationReason] : "session_expired";
}

export async function revokeUserSessions(
  tx: Prisma.TransactionClient,
  scope: { tenantId: string; userNames?: string[]; appId?: string },
  reason: RevocationReason,
  nowMs: number,
): Promise<number> {
  if (scope.userNames && scope.userNames.length === 0) return 0;
  const { count } = await tx.customerSession.updateMany({
    where: {
      tenantId: scope.tenantId,
      revokedAt: null,
      ...(scope.userNames ? { userName: { in: scope.userNames } } : {}),
      ...(scope.appId ? { appId: scope.appId } : {}),
    },
    data: { revokedAt: new Date(nowMs), revokedReason: reason },
  });
  return count;
}
