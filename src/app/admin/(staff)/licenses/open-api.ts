/**
 * Whether the License open API can be called from these pages, from licenseAdmin.openApi: null
 * when it can, else the refusal Activate / Heartbeat would get, as a sentence in the console's
 * language (capitalised, with its full stop) — LicenseApiActions disables both buttons and shows it.
 * Pure: the pages pass the procedure's answer in.
 */
import { asSentence } from "~/i18n/format";
import { pickText, type Locale, type Text } from "~/i18n/locales";

export function openApiUnavailable(answer: { reason: { message: Text } | null }, locale: Locale): string | null {
  return answer.reason ? asSentence(pickText(answer.reason.message, locale), locale) : null;
}
