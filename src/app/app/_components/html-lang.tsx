"use client";
/**
 * Puts the tenant pages' (and the staff console's) locale on <html lang> while they are shown.
 * The root layout stays `lang="en"` for the other (English or bilingual) pages; the /app and
 * staff frames also carry `lang={locale}` on their own root element, so the server-rendered
 * HTML is right without JS.
 */
import { useEffect } from "react";
import type { Locale } from "~/i18n/locales";

export function HtmlLang({ locale }: { locale: Locale }) {
  useEffect(() => {
    const html = document.documentElement;
    const previous = html.lang;
    html.lang = locale;
    return () => {
      html.lang = previous;
    };
  }, [locale]);
  return null;
}
