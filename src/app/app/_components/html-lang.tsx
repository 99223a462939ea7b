"use client";
/**
 * Puts the tenant pages' locale on <html lang> while they are shown. The root layout stays
 * `lang="en"` for the other (English or bilingual) pages; the /app frame also carries
 * `lang={locale}` on its own root element, so the server-rendered HTML is right without JS.
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
