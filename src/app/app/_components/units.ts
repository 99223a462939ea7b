/** A meter's unit after a number: "1 call", "2 calls" (catalog unitOne / unit); Chinese has one form. */
import { pluralCategory } from "~/i18n/format";
import { pickText, type Locale, type Text } from "~/i18n/locales";

export function unitFor(meter: { unit: Text; unitOne: Text }, n: number, locale: Locale): string {
  return pickText(pluralCategory(n, locale) === "one" ? meter.unitOne : meter.unit, locale);
}
