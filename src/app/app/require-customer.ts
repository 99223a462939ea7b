/**
 * The customer check for tenant pages (like require-staff.ts for /admin): every page under
 * /app calls it before reading data, and reads through `tenantProcedure`, which checks again.
 * Staff are sent to /login with a message; an ended session says why; anyone else is asked to
 * sign in (`required=1` shows "please sign in"). The visited path goes along as `next`, so the
 * direct login returns there (a deep link survives the sign-in).
 */
import { redirect } from "next/navigation";
import { cache } from "react";
import { getServerAuthSession, isCustomerUser, isStaffUser, type CustomerUser } from "~/server/auth";
import { CUSTOMER_HOME_PATH, customerNextPath } from "~/server/auth/oneaccess-routes";
import { currentRequestPath } from "~/server/security/current-path";

async function loginHref(error?: string): Promise<string> {
  const q = new URLSearchParams();
  if (error) q.set("error", error);
  else q.set("required", "1");
  const next = customerNextPath(await currentRequestPath());
  if (next !== CUSTOMER_HOME_PATH) q.set("next", next);
  const query = q.toString();
  return query ? `/login?${query}` : "/login";
}

/** Where a visitor without a session goes: /login with its "please sign in" notice. */
export const LOGIN_REQUIRED_PATH = "/login?required=1";

export const requireCustomer = cache(async (): Promise<CustomerUser> => {
  const session = await getServerAuthSession();
  const user = session?.user;
  if (isCustomerUser(user)) return user;
  if (isStaffUser(user)) redirect(await loginHref("staff_session"));
  redirect(await loginHref(session?.ended));
});
