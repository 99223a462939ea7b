/**
 * The vocabulary of "Setup & health" (/admin): check statuses and areas, one check, the traffic
 * figures and the whole overview. Shared by the area files, the tRPC output schema
 * (src/server/api/routers/setup-admin.schema.ts) and the conformance row (src/server/conformance/health.ts).
 */
import type { InstanceStatus } from "~/generated/prisma/client";
import type { DeadReason, PushAlert, PushStatus } from "~/server/billing";
import type { SetupText } from "./messages";

export const CHECK_STATUSES = ["ok", "warn", "problem", "info"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CHECK_AREAS = ["interface", "kit", "billing", "traffic"] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

/** A check's words as keys with parameters (messages.ts): the console renders them in its language. */
export interface CheckTexts {
  title: SetupText;
  detail: SetupText;
  fix?: SetupText;
}

export interface SetupCheck {
  id: string;
  area: CheckArea;
  status: CheckStatus;
  /** `text.title` in English (the boot log, API callers that read text). */
  title: string;
  detail: string;
  /** What to do, in one sentence (absent when nothing needs doing). */
  fix?: string;
  /** Text to copy into the seller console: an address or a public key. Never a secret. */
  value?: string;
  text: CheckTexts;
}

export const INSTANCE_STATUSES = ["ACTIVE", "FROZEN", "RELEASED"] as const satisfies readonly InstanceStatus[];

export interface LastCall {
  receivedAt: Date;
  activity: string | null;
  /** Null while the call is still being answered. */
  resultCode: string | null;
  isTest: boolean;
}

export interface TrafficFigures {
  lastBaseCall: LastCall | null;
  lastKitCall: LastCall | null;
  /** Answered calls (both channels) in the last 24 h whose resultCode was not 000000. */
  errorAnswers24h: number;
  instancesByStatus: Record<(typeof INSTANCE_STATUSES)[number], number>;
  /** Organisations bound by tenantSync and not deleted since. */
  tenantsSynced: number;
  tenantsDeleted: number;
  push: {
    counts: Record<PushStatus, number>;
    /** Since the oldest PENDING record's hour closed (as on /admin/usage); null when none waits. */
    oldestPendingAgeMs: number | null;
    /** Dead letters (FAILED) per reason. */
    deadByReason: Record<DeadReason, number>;
    /** The marketplace refusing our signature, key or data (docs/billing.md §6). */
    alerts: PushAlert[];
  };
}

export interface RsaPublicKeyInfo {
  /** SPKI PEM derived from KOOGALLERY_RSA_PRIVATE_KEY: must equal what the 应用凭证 holds. */
  pem: string;
  /** SHA-256 of the SPKI DER, colon-separated hex (`openssl pkey -pubin -outform DER | openssl dgst -sha256 -c`). */
  fingerprintSha256: string;
  modulusBits: number;
}

export interface SetupHealth {
  generatedAt: Date;
  production: boolean;
  /** `{APP_URL}/api/marketplace`: the 生产系统接口地址 to register. */
  productionAddress: string;
  /** `{APP_URL}/api/marketplace/license`: the License callbacks' address to register. */
  licenseAddress: string;
  /** `{APP_URL}/api/auth/callback/oneaccess`: the 应用凭证 login (OAuth2.0 callback) URL. */
  loginCallbackUrl: string;
  rsaPublicKey: RsaPublicKeyInfo | null;
  checks: SetupCheck[];
  counts: Record<CheckStatus, number>;
  traffic: TrafficFigures;
}
