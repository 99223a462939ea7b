/**
 * Who a session belongs to. Every sign-in provider turns its user into one of these shapes;
 * the JWT stores it as `token.user` and the session exposes it as `session.user`.
 *
 * EXTENSION POINT: a new kind of user is a new member of `SessionUser` (discriminated by
 * `kind`), produced by its provider in config.ts. Procedure builders narrow on `kind`, so an
 * unhandled kind is refused rather than mistaken for staff.
 */

/** ISV staff: operates the whole installation (call log, instances, settings). */
export interface StaffUser {
  kind: "staff";
  name: string;
}

/**
 * A buyer's user, signed in through the tenant's OneAccess (Huawei IDaaS) OAuth app.
 * Declared now so code already has to tell the kinds apart; no provider produces it yet
 * (a later issue adds the per-tenant OneAccess provider).
 */
export interface CustomerUser {
  kind: "customer";
  name: string;
  tenantId: string;
  userName: string;
  role: string;
  instanceId: string;
}

export type SessionUser = StaffUser | CustomerUser;

export function isStaffUser(user: SessionUser | null | undefined): user is StaffUser {
  return user?.kind === "staff";
}
