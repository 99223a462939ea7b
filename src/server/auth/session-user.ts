/**
 * Who a session belongs to. Every sign-in provider turns its user into one of these shapes;
 * the JWT stores it as `token.user` and the session exposes it as `session.user`.
 *
 * EXTENSION POINT: a new kind of user is a new member of `SessionUser` (discriminated by
 * `kind`), produced by its provider in config.ts. Procedure builders narrow on `kind`, so an
 * unhandled kind is refused rather than mistaken for staff.
 */

/** A staff account's role (README "Staff accounts and roles"): owners act, viewers only read. */
export type StaffRole = "owner" | "viewer";

/**
 * ISV staff: operates the whole installation (call log, instances, settings). `role` is read
 * from the StaffAccount row on every request (staff-session.ts), so a demotion shows at once.
 */
export interface StaffUser {
  kind: "staff";
  name: string;
  role: StaffRole;
}

/**
 * A buyer's user (联营账号), signed in through the tenant's OneAccess (Huawei IDaaS) OAuth app
 * (oneaccess-provider.ts). Rebuilt on every request from its CustomerSession row, so a role or
 * instance change picked up at a token refresh shows without signing in again.
 */
export interface CustomerUser {
  kind: "customer";
  /** Display name (authSync `name`, else the userName). */
  name: string;
  tenantId: string;
  /** The 联营账号 login (authSync / userinfo `userName`). */
  userName: string;
  /** authSync role: "admin" or "user". */
  role: string;
  /** The purchased instance the tenant is bound to (tenantSync). */
  instanceId: string;
}

export type SessionUser = StaffUser | CustomerUser;

export function isStaffUser(user: SessionUser | null | undefined): user is StaffUser {
  return user?.kind === "staff";
}

export function isCustomerUser(user: SessionUser | null | undefined): user is CustomerUser {
  return user?.kind === "customer";
}
