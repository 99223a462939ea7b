/**
 * Output of the staff "Setup & health" overview (src/server/setup-health/), named field by
 * field: what leaves the server is exactly this. Settings appear as statuses, booleans, origins,
 * a public key and its fingerprint — never a key, secret or credential value.
 */
import { z } from "zod";
import { DEAD_REASONS, PUSH_STATUSES } from "~/server/billing";
import { CHECK_AREAS, CHECK_STATUSES, INSTANCE_STATUSES } from "~/server/setup-health";

const count = z.number().int().min(0);

/** A check's text as a key with parameters (src/server/setup-health/messages.ts): values, nested texts, lists of texts. */
const ZSetupText = z.object({
  key: z.string(),
  en: z.string().optional(),
  get params() {
    return z.record(z.string(), z.union([z.string(), z.number(), ZSetupText, z.array(ZSetupText)])).optional();
  },
});

export const ZSetupCheck = z.object({
  id: z.string(),
  area: z.enum(CHECK_AREAS),
  status: z.enum(CHECK_STATUSES),
  title: z.string(),
  detail: z.string(),
  fix: z.string().optional(),
  value: z.string().optional(),
  text: z.object({ title: ZSetupText, detail: ZSetupText, fix: ZSetupText.optional() }),
});

const ZLastCall = z
  .object({
    receivedAt: z.date(),
    activity: z.string().nullable(),
    resultCode: z.string().nullable(),
    isTest: z.boolean(),
  })
  .nullable();

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as { [K in T[number]]: typeof count });

export const ZSetupHealthOutput = z.object({
  generatedAt: z.date(),
  production: z.boolean(),
  productionAddress: z.string(),
  licenseAddress: z.string(),
  loginCallbackUrl: z.string(),
  rsaPublicKey: z
    .object({
      pem: z.string().startsWith("-----BEGIN PUBLIC KEY-----"),
      fingerprintSha256: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){31}$/),
      modulusBits: z.number().int(),
    })
    .nullable(),
  checks: z.array(ZSetupCheck),
  counts: countsOf(CHECK_STATUSES),
  traffic: z.object({
    lastBaseCall: ZLastCall,
    lastKitCall: ZLastCall,
    errorAnswers24h: count,
    instancesByStatus: countsOf(INSTANCE_STATUSES),
    tenantsSynced: count,
    tenantsDeleted: count,
    push: z.object({
      counts: countsOf(PUSH_STATUSES),
      oldestPendingAgeMs: z.number().min(0).nullable(),
      deadByReason: countsOf(DEAD_REASONS),
      alerts: z.array(
        z.object({ kind: z.enum(["signature", "key", "data"]), code: z.string(), meaning: z.string(), pending: count, failed: count }),
      ),
    }),
  }),
});
export type SetupHealthOutput = z.infer<typeof ZSetupHealthOutput>;
