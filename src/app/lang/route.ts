/**
 * POST /lang — the language switch of the tenant pages (src/app/app/_components/lang-switch.tsx):
 * form fields `lang` (zh-CN | en) and `next` (where to go back to). Sets the `lang` cookie and
 * answers 303 to `next` as the redirect guard normalises it (src/server/security/redirect-guard.ts),
 * else to /app — never elsewhere. The Location is a root-relative path, so it is right behind any
 * proxy. An unknown `lang` changes nothing.
 */
import { NextResponse, type NextRequest } from "next/server";
import { appBaseUrl } from "~/env";
import { isLocale, LANG_COOKIE, LANG_COOKIE_MAX_AGE_SECONDS } from "~/i18n/locales";
import { safeRedirectPath } from "~/server/security/redirect-guard";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest): Promise<Response> {
  let lang: unknown = null;
  let next: unknown = null;
  try {
    const form = await req.formData();
    lang = form.get("lang");
    next = form.get("next");
  } catch {
    // Not a form: fall through to the defaults.
  }
  const res = new NextResponse(null, { status: 303, headers: { Location: safeRedirectPath(next, { fallback: "/app", origin: appBaseUrl() }), "Cache-Control": "no-store" } });
  if (isLocale(lang)) {
    res.cookies.set(LANG_COOKIE, lang, {
      path: "/",
      maxAge: LANG_COOKIE_MAX_AGE_SECONDS,
      sameSite: "lax",
      httpOnly: true,
      secure: req.nextUrl.protocol === "https:",
    });
  }
  return res;
}
