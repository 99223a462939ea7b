/**
 * The customer check for tenant pages (like require-staff.ts for /admin): every page under
 * /app calls it before reading data, and reads through `tenantProcedure`, which checks again.
 * Staff are sent to /login with a message; an ended session says why; anyone else is asked to
 * sign in (LOGIN_REQUIRED_PATH shows "please sign in").
 */
import { redirect } from "next/navigation";
import { cache } from "react";
import { getServerAuthSession, isCustomerUser, isStaffUser, type CustomerUser } from "~/server/auth";

/** Where a visitor without a session goes: /login with its "please sign in" notice. */
export const LOGIN_REQUIRED_PATH = "/login?required=1";

export const requireCustomer = cache(async (): Promise<CustomerUser> => {
  const session = await getServerAuthSession();
  const user = session?.user;
  if (isCustomerUser(user)) return user;
  if (isStaffUser(user)) redirect("/login?error=staff_session");
  if (session?.ended) redirect(`/login?error=${session.ended}`);
  redirect(LOGIN_REQUIRED_PATH);
});
