/**
 * How a staff-console area declares its strings: `en` defines the keys, `zh-CN` must have
 * exactly the same ones (a missing or extra key is a type error). Each area of the console
 * (shell, calls, staff accounts …) keeps its strings in its own file here, so two features can
 * add text without touching the same file; dictionary.ts merges the areas.
 * Pure module: client components import it too.
 */
export interface AreaStrings<K extends string> {
  en: Record<K, string>;
  "zh-CN": Record<K, string>;
}

export function defineArea<const E extends Record<string, string>>(
  en: E,
  zhCN: Record<keyof E & string, string>,
): AreaStrings<keyof E & string> {
  return { en, "zh-CN": zhCN };
}
