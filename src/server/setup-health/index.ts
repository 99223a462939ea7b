/**
 * "Setup & health" (/admin): every setting that can silently go wrong between this app and the
 * KooGallery seller console, checked one by one, each with OK / warning / problem and the fix in
 * one sentence — plus what actually arrived (the call log, instances, tenants, the usage push).
 *
 * Framework-free on purpose: `configChecks(env)` needs only the parsed environment (the boot
 * warning in src/instrumentation.ts runs it before the database is up), `setupHealth(prisma, env,
 * nowMs)` adds the traffic figures. Secrets never leave this module: a check says *whether* a key
 * is set, shows a fingerprint or a public key, and never a key, secret or credential itself.
 *
 * One file per area, in the order the page lists them: marketplace.ts (production interface),
 * kit.ts + oneaccess.ts (联营 Kit and login), billing.ts, traffic.ts; keys.ts inspects keys,
 * severity.ts grades a finding by environment, types.ts holds the shapes. This file assembles them.
 */
import { licenseAddress, productionAddress, type Env } from "~/env";
import type { PrismaClient } from "~/generated/prisma/client";
import { oneAccessCallbackUrl } from "~/server/auth/login-state";
import { conformanceCheck } from "~/server/conformance/health";
import { billingChecks } from "./billing";
import { inspectRsaKey } from "./keys";
import { kitChecks } from "./kit";
import { interfaceChecks } from "./marketplace";
import { oneAccessChecks } from "./oneaccess";
import { isProduction } from "./severity";
import { loadTraffic, trafficChecks } from "./traffic";
import { CHECK_STATUSES, type CheckStatus, type SetupCheck, type SetupHealth } from "./types";

export * from "./types";
export { inspectRsaKey, pushKeyIsDevDefault } from "./keys";
export { loadTraffic, trafficChecks } from "./traffic";
// The app's addresses live with the environment (src/env.ts); re-exported for existing callers.
export { originOf, productionAddress } from "~/env";

/** Every check that needs only the environment (cheap: used at boot, before the database is up). */
export function configChecks(env: Env): SetupCheck[] {
  return [...interfaceChecks(env), ...kitChecks(env, inspectRsaKey(env.KOOGALLERY_RSA_PRIVATE_KEY)), ...oneAccessChecks(env), ...billingChecks(env, null)];
}

export function countByStatus(checks: readonly SetupCheck[]): Record<CheckStatus, number> {
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** The whole overview: configuration checks, traffic checks and figures. */
export async function setupHealth(prisma: PrismaClient, env: Env, nowMs: number): Promise<SetupHealth> {
  const traffic = await loadTraffic(prisma, nowMs);
  const rsa = inspectRsaKey(env.KOOGALLERY_RSA_PRIVATE_KEY);
  const checks = [
    ...interfaceChecks(env),
    ...kitChecks(env, rsa),
    ...oneAccessChecks(env),
    ...billingChecks(env, traffic.push.counts.PENDING),
    ...trafficChecks(env, traffic, nowMs),
    await conformanceCheck(prisma, nowMs),
  ];
  return {
    generatedAt: new Date(nowMs),
    production: isProduction(env),
    productionAddress: productionAddress(env),
    licenseAddress: licenseAddress(env),
    loginCallbackUrl: oneAccessCallbackUrl(env),
    rsaPublicKey: rsa.state === "ok" ? rsa.key : null,
    checks,
    counts: countByStatus(checks),
    traffic,
  };
}

/** One line for the boot log naming every `problem` among the configuration checks, or null. */
export function bootProblemLine(env: Env): string | null {
  const problems = configChecks(env).filter((c) => c.status === "problem");
  if (!problems.length) return null;
  return `[setup] ${problems.length} problem(s): ${problems.map((c) => `${c.id} (${c.title})`).join("; ")} — see /admin`;
}
