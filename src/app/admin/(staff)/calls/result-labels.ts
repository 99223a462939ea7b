/**
 * What a result code means depends on who answered it (docs/protocol/README.md, the 000101 row):
 * - base interface: the V2 result-code table (src/koogallery/result-codes.ts), 000101 = mobile
 *   number missing or already used (create only);
 * - Kit: the common codes 000000–000005 and 000101 = clientSecret undecryptable or no RSA key
 *   configured (docs/protocol/kit.md#result-codes, the demo's meaning, applicationSync only);
 * - License callbacks: src/koogallery/license-result-codes.ts (000003 = license code does not
 *   exist, no 0001xx codes).
 * Pure module.
 */
import { LICENSE_RESULT_CODES } from "~/koogallery/license-result-codes";
import { RESULT_CODES } from "~/koogallery/result-codes";
import type { Locale } from "~/i18n/locales";
import type { Text } from "~/i18n/locales";

export type CallChannel = "base" | "kit" | "license";

const COMMON = ["000000", "000001", "000002", "000003", "000004", "000005"] as const;

const KIT_CODES: Record<string, Text> = {
  ...Object.fromEntries(COMMON.map((c) => [c, RESULT_CODES[c]])),
  "000101": { zh: "clientSecret 无法解密或未配置 RSA 私钥（applicationSync）", en: "clientSecret undecryptable or no RSA key configured (applicationSync)" },
};

export const CODES_BY_CHANNEL: Record<CallChannel, Record<string, Text>> = {
  base: RESULT_CODES,
  kit: KIT_CODES,
  license: LICENSE_RESULT_CODES,
};

/** The meaning of `code` as `channel` answers it, or null for a code that channel never sends. */
export function resultLabel(channel: string, code: string, locale: Locale): string | null {
  const table = CODES_BY_CHANNEL[channel as CallChannel];
  const text = table?.[code];
  return text ? (locale === "zh-CN" ? text.zh : text.en) : null;
}
