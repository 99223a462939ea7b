/** Response builders, the SSO session cookie and the constant-time secret comparison of the emulator. */
import { createHash, timingSafeEqual } from "node:crypto";
import { PAGE_HEADERS } from "./html";
import { EMULATOR_SESSION_COOKIE, type Ctx } from "./context";

/** The emulator SSO session of this request, if valid for this tenant. */
export function readSession(ctx: Ctx) {
  const sid = readCookie(ctx.request, EMULATOR_SESSION_COOKIE);
  const s = sid ? ctx.store.sessions.get(sid) : undefined;
  return s && s.tenantId === ctx.tenantId && s.expiresAt > ctx.nowMs ? s : undefined;
}

export function sessionCookie(ctx: Ctx, value: string, maxAgeSeconds: number): string {
  const secure = ctx.url.protocol === "https:" ? "; Secure" : "";
  return `${EMULATOR_SESSION_COOKIE}=${value}; Path=${ctx.base}/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

const JSON_HEADERS = { "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store", Pragma: "no-cache" };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...PAGE_HEADERS, ...headers } });
}

export function methodNotAllowed(allow: string): Response {
  return json(405, { error: "method_not_allowed", error_description: `Use ${allow}` }, { Allow: allow });
}

