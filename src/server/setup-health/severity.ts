/** How severe a check is depends on the environment: what is a problem in production is a hint in development. */
import type { Env } from "~/env";
import type { CheckStatus } from "./types";

export const isProduction = (env: Env) => env.NODE_ENV === "production";
/** `problem` in production, `dev` (warn or info) otherwise. */
export const severe = (env: Env, dev: CheckStatus = "warn"): CheckStatus => (isProduction(env) ? "problem" : dev);
/** `warn` in production, `info` otherwise. */
export const advisory = (env: Env): CheckStatus => (isProduction(env) ? "warn" : "info");

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
