/** Builds a check from its keyed texts, with the English strings rendered once here. */
import { englishOf } from "./messages";
import type { CheckArea, CheckStatus, CheckTexts, SetupCheck } from "./types";

export function makeCheck(base: { id: string; area: CheckArea; status: CheckStatus; value?: string }, text: CheckTexts): SetupCheck {
  return {
    ...base,
    title: englishOf(text.title),
    detail: englishOf(text.detail),
    ...(text.fix ? { fix: englishOf(text.fix) } : {}),
    text: text.fix ? text : { title: text.title, detail: text.detail },
  };
}
