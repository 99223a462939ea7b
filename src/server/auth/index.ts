/**
 * Server-side session access for route handlers, server components and the tRPC context.
 */
import type { Session } from "next-auth";
import { getServerSession } from "next-auth/next";
import { cache } from "react";
import { getEnv } from "~/env";
import { authOptions } from "./config";

export type { Session } from "next-auth";
export type { SessionUser, StaffUser, CustomerUser } from "./session-user";
export { isStaffUser, isCustomerUser } from "./session-user";
export { authOptions } from "./config";

/**
 * next-auth v4 builds callback and redirect URLs from NEXTAUTH_URL; default it to APP_URL so
 * operators configure the public address once.
 */
export function defaultNextAuthUrl(): void {
  process.env.NEXTAUTH_URL ??= getEnv().APP_URL;
}

/**
 * The session of the current request (reads its cookies), or null when signed out. A customer
 * session costs a database read (its CustomerSession row), so a server render asks once
 * (React `cache`; outside a render each call reads).
 */
export const getServerAuthSession = cache(async (): Promise<Session | null> => {
  defaultNextAuthUrl();
  return getServerSession(authOptions);
});
