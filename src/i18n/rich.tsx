/**
 * A translated message with React content in its placeholders: `rich(t("grant.validUntil"),
 * { date: <LocalTime … /> })`. `t(key)` without vars returns the message with its `{name}`
 * placeholders, which are replaced here by nodes (a time that formats itself in the browser,
 * a <code> element) instead of strings. Unknown placeholders stay visible, like format().
 */
import { Fragment, type ReactNode } from "react";

export function rich(message: string, vars: Record<string, ReactNode>): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of message.matchAll(/\{([a-zA-Z]+)\}/g)) {
    const name = m[1]!;
    out.push(message.slice(last, m.index));
    out.push(<Fragment key={`${name}-${m.index}`}>{Object.hasOwn(vars, name) ? vars[name] : m[0]}</Fragment>);
    last = m.index + m[0].length;
  }
  out.push(message.slice(last));
  return out.filter((part) => part !== "");
}
