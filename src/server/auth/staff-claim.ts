/**
 * The StaffSession id (`sid`) of a request's staff cookie, for the procedures that must tell the
 * current session from the account's others (a password change ends the others). Only decoded
 * here: whether the session is alive is checked by next-auth's jwt callback (staff-session.ts)
 * on the same request, before any staff procedure runs.
 */
import { authOptions } from "~/server/auth";
import { sessionCookieValue } from "./customer-claim";
import { decodeSessionToken } from "./session-jwt";
import { isStaffUser } from "./session-user";

export async function staffSessionIdOf(headers: Headers): Promise<string | null> {
  const cookie = sessionCookieValue(headers.get("cookie"));
  if (!cookie) return null;
  try {
    const token = await decodeSessionToken(cookie, authOptions.secret!);
    return token && isStaffUser(token.user) && typeof token.sid === "string" && token.sid.length > 0 ? token.sid : null;
  } catch {
    return null;
  }
}
