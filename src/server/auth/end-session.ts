/** Ends the server-side session a JWT names, whichever kind it is (sign-out, a replaced sign-in). */
import type { JWT } from "next-auth/jwt";
import type { PrismaClient } from "~/generated/prisma/client";
import { revokeCustomerSession } from "./customer-session";
import { isCustomerUser, isStaffUser } from "./session-user";
import { revokeStaffSession } from "./staff-session";

export async function endSessionOf(db: Pick<PrismaClient, "staffSession" | "customerSession">, token: JWT | null, reason: string): Promise<void> {
  if (!token?.sid) return;
  if (isStaffUser(token.user)) await revokeStaffSession(db, token.sid, reason);
  else if (isCustomerUser(token.user)) await revokeCustomerSession(db, token.sid, reason);
}
