/**
 * Variables in case bodies: `${instance.main}` stands for the instanceId the deployment answered
 * to the main newInstance. Resolved just before sending; a saved case set holds the resolved values.
 */
import { VARIABLE_PATTERN } from "./case-types";

export type Bindings = Map<string, string>;

export type Resolved = { ok: true; body: Record<string, unknown> } | { ok: false; missing: string[] };

function resolveValue(value: unknown, bindings: Bindings, missing: Set<string>): unknown {
  if (typeof value === "string") {
    return value.replace(VARIABLE_PATTERN, (whole, name: string) => {
      const bound = bindings.get(name);
      if (bound === undefined) missing.add(name);
      return bound ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, bindings, missing));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, bindings, missing)]));
  }
  return value;
}

export function resolveBody(body: Record<string, unknown>, bindings: Bindings): Resolved {
  const missing = new Set<string>();
  const resolved = resolveValue(body, bindings, missing) as Record<string, unknown>;
  return missing.size ? { ok: false, missing: [...missing] } : { ok: true, body: resolved };
}

/** Variable names a body still refers to. */
export function variablesIn(body: unknown): string[] {
  const names = new Set<string>();
  JSON.stringify(body ?? null).replace(VARIABLE_PATTERN, (_w, name: string) => {
    names.add(name);
    return "";
  });
  return [...names];
}
