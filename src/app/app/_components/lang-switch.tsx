"use client";
/**
 * The language switch in the /app header: a plain POST form to /lang (src/app/lang/route.ts),
 * one button per other language, coming back to the current path (or `next`, e.g. /login with
 * its query, so a message on the page survives the switch). Works without JavaScript;
 * client-side only for the current pathname.
 */
import { usePathname } from "next/navigation";
import { getTranslator } from "~/i18n/dictionary";
import { LOCALES, type Locale } from "~/i18n/locales";

export function LangSwitch({ locale, next }: { locale: Locale; next?: string }) {
  const pathname = usePathname();
  const t = getTranslator(locale);
  return (
    <form method="post" action="/lang" className="inline-flex shrink-0" data-testid="lang-switch" aria-label={t("lang.label")}>
      <input type="hidden" name="next" value={next ?? (pathname || "/app")} />
      {LOCALES.filter((l) => l !== locale).map((l) => {
        const name = t(`lang.name.${l}`);
        return (
          <button
            key={l}
            type="submit"
            name="lang"
            value={l}
            lang={l}
            data-locale={l}
            title={t("lang.switchTo", { language: name })}
            className="whitespace-nowrap rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
          >
            {name}
          </button>
        );
      })}
    </form>
  );
}
