/**
 * The staff console's strings in each locale, merged from one file per area (see define.ts).
 * EXTENSION POINT: a new area adds its file and one entry to AREAS.
 * Placeholders and formatting work as in the tenant dictionary (../dictionary.ts).
 * Pure module: client components import it too (getAdminTranslator(locale)).
 */
import { format, type Vars } from "../dictionary";
import type { Locale } from "../locales";
import { ops } from "./ops";
import { calls } from "./calls";
import { common } from "./common";
import { instances } from "./instances";
import { licenses } from "./licenses";
import { overview } from "./overview";
import { setup } from "./setup";
import { shell } from "./shell";
import { signIns } from "./sign-ins";
import { tenants } from "./tenants";
import { usage } from "./usage";

const AREAS = [shell, common, calls, instances, tenants, usage, licenses, overview, ops, signIns, setup] as const;

type AreaKey<A> = A extends { en: Record<infer K, string> } ? K : never;
export type AdminMessageKey = AreaKey<(typeof AREAS)[number]>;
export type AdminTranslate = (key: AdminMessageKey, vars?: Vars) => string;

function merge(locale: Locale): Record<AdminMessageKey, string> {
  return Object.assign({}, ...AREAS.map((area) => area[locale])) as Record<AdminMessageKey, string>;
}

export const ADMIN_DICTIONARIES: Record<Locale, Record<AdminMessageKey, string>> = { "zh-CN": merge("zh-CN"), en: merge("en") };

export function getAdminTranslator(locale: Locale): AdminTranslate {
  const dict = ADMIN_DICTIONARIES[locale];
  return (key, vars) => format(dict[key], vars);
}

/** A key built from data (a status, a result code …), if some area has it. */
export function adminMessageKey(key: string): AdminMessageKey | null {
  return Object.hasOwn(ADMIN_DICTIONARIES.en, key) ? (key as AdminMessageKey) : null;
}
