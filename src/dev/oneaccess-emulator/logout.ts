/** GET {base}/api/v1/logout?redirect_url=…: clears the emulator SSO session → 302 redirect_url. */
import { checkRedirect, EMULATOR_SESSION_COOKIE, type Ctx } from "./context";
import { messagePage } from "./html";
import { html, readCookie, sessionCookie } from "./http";

export function logout(ctx: Ctx): Response {
  const sid = readCookie(ctx.request, EMULATOR_SESSION_COOKIE);
  if (sid) ctx.store.sessions.delete(sid);
  const clear = sessionCookie(ctx, "", 0);
  const redirectUrl = ctx.url.searchParams.get("redirect_url");
  if (redirectUrl) {
    const problem = checkRedirect(ctx, redirectUrl);
    if (problem) return html(400, messagePage("Invalid redirect_url", problem), { "Set-Cookie": clear });
    return new Response(null, { status: 302, headers: { Location: redirectUrl, "Cache-Control": "no-store", "Set-Cookie": clear } });
  }
  return html(200, messagePage("Signed out", "The OneAccess emulator session was cleared."), { "Set-Cookie": clear });
}
