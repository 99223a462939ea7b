/**
 * The staff check for pages. Next renders a layout and its page in parallel, so the layout's
 * redirect does not stop the page from running: every staff page calls this first, before it
 * reads data. `cache` makes the session lookup once per request. A signed-out visit goes to the
 * login page with the visited path as callbackUrl, so the deep link survives the sign-in.
 */
import { redirect } from "next/navigation";
import { cache } from "react";
import { getServerAuthSession, isStaffUser, type StaffUser } from "~/server/auth";
import { currentRequestPath } from "~/server/security/current-path";
import { staffLoginHref } from "../staff-redirect";

export const requireStaff = cache(async (): Promise<StaffUser> => {
  const session = await getServerAuthSession();
  const user = session?.user;
  if (!isStaffUser(user)) redirect(staffLoginHref(await currentRequestPath()));
  return user;
});
