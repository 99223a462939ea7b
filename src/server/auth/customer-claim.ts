/**
 * The customer claim of a request: its next-auth session cookie decoded (signature and expiry
 * checked) WITHOUT the jwt callback's database read. The tRPC context hands it to
 * tenantProcedure, which checks the CustomerSession row in the same statement that loads the
 * tenant and its entitlement (customer-context.ts) — so a customer call reads its session once,
 * not once here and again there. Staff cookies and requests without one take next-auth's own
 * path (getServerSession, which runs the jwt callback: staff-session.ts).
 */
import { authOptions, defaultNextAuthUrl } from "~/server/auth";
import type { CustomerClaim } from "./customer-context";
import { decodeSessionToken } from "./session-jwt";
import { isCustomerUser } from "./session-user";

/** next-auth's session cookie name, as its core picks it (secure prefix on an https NEXTAUTH_URL). */
function sessionCookieName(): string {
  defaultNextAuthUrl();
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session cookie's value; next-auth splits a large one into `.0`, `.1`, … chunks. */
export function sessionCookieValue(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName();
  const chunks: Array<[number, string]> = [];
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (key !== name && !key.startsWith(`${name}.`)) continue;
    const suffix = key === name ? 0 : Number(key.slice(name.length + 1));
    if (!Number.isInteger(suffix) || suffix < 0) continue;
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    chunks.push([suffix, value]);
  }
  if (chunks.length === 0) return null;
  return chunks.sort((a, b) => a[0] - b[0]).map(([, v]) => v).join("");
}

/**
 * The request's customer claim, or null when the cookie is absent, not a customer's (staff), or
 * not a valid token (tampered, expired, another secret): those go through getServerSession.
 */
export async function customerClaimOf(headers: Headers): Promise<CustomerClaim | null> {
  const cookie = sessionCookieValue(headers.get("cookie"));
  if (!cookie) return null;
  let token: Awaited<ReturnType<typeof decodeSessionToken>>;
  try {
    token = await decodeSessionToken(cookie, authOptions.secret!);
  } catch {
    return null;
  }
  if (!token || !isCustomerUser(token.user) || typeof token.sid !== "string" || token.sid.length === 0) return null;
  return { sid: token.sid, user: token.user };
}
