/** Why the product stops right now (frozen, expired, trial over, released), in the user's language. */
import type { Translate } from "~/i18n/dictionary";
import { pickText, type Locale, type Text } from "~/i18n/locales";

export function RefusalBanner({ refusal, locale, t }: { refusal: { code: string; message: Text }; locale: Locale; t: Translate }) {
  return (
    <div role="alert" data-testid="refusal" data-code={refusal.code} className="rounded-lg border border-red-200 bg-red-50 px-5 py-4 text-red-900">
      <p className="font-semibold">{t("refusal.title")}</p>
      <p className="mt-1 text-sm">{pickText(refusal.message, locale)}</p>
    </div>
  );
}
