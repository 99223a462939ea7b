/**
 * The usage policy for software sold as a License product, around 查询授权码 (heartbeat):
 *
 * - Check the code on the first use of each calendar day (the guide: "用户每天首次使用时"); the
 *   day boundary is in `utcOffsetMinutes` (default UTC+8, the marketplace's time zone). A cached
 *   ALIVE answer is also re-checked once its expire_time has passed.
 * - ALIVE → allow. Any other status (EXPIRED, RELEASED …) → block, with a message sending the
 *   user to KooGallery to renew. While blocked, the next use asks again, at most every
 *   `blockedRecheckMs` (the user may just have renewed).
 * - The code's own problems (not activated, unknown, not received, invalid) block too.
 * - When the marketplace cannot answer (network, timeout, 5xx, gateway or AK/SK trouble — none of
 *   them the user's fault), the software keeps working for `offlineGraceMs` after the last ALIVE
 *   answer, retrying at most every `offlineRetryMs`; after that it blocks.
 *
 * Framework-free: the clock and the storage of the last answer are injected.
 */
import { LicenseApiError, type LicenseErrorKind } from './license-api-errors';
import type { LicenseClient, LicenseStatus } from './license-client';

export const DAY_MS = 24 * 3600_000;

export interface LicensePolicy {
  /** How long the software keeps working without reaching the marketplace, from the last ALIVE answer. */
  offlineGraceMs: number;
  /** Minimum time between two heartbeats while blocked. */
  blockedRecheckMs: number;
  /** Minimum time between two heartbeats while the marketplace is unreachable. */
  offlineRetryMs: number;
  /** Offset of the "day" from UTC, in minutes (480 = UTC+8). */
  utcOffsetMinutes: number;
}

export const DEFAULT_LICENSE_POLICY: LicensePolicy = {
  offlineGraceMs: 3 * DAY_MS,
  blockedRecheckMs: 10 * 60_000,
  offlineRetryMs: 15 * 60_000,
  utcOffsetMinutes: 8 * 60,
};

/** What the software remembers between uses (persist it; see LicenseStateStore). */
export interface LicenseCheckRecord {
  /** Last heartbeat that got an answer from the marketplace (ALIVE or not, or a refusal of the code). */
  answeredAtMs?: number;
  /** Status of that answer, or the refusal's kind (NOT_ACTIVATED …). */
  status?: LicenseStatus | LicenseErrorKind;
  /** Last ALIVE answer: the offline grace runs from here. */
  aliveAtMs?: number;
  expireAtMs?: number;
  /** Last heartbeat attempt that got no usable answer. */
  failedAtMs?: number;
}

export interface LicenseStateStore {
  load(license: string): Promise<LicenseCheckRecord | undefined>;
  save(license: string, record: LicenseCheckRecord): Promise<void>;
}

export function memoryLicenseStore(): LicenseStateStore & { records: Map<string, LicenseCheckRecord> } {
  const records = new Map<string, LicenseCheckRecord>();
  return {
    records,
    load: async (license) => (records.has(license) ? { ...records.get(license)! } : undefined),
    save: async (license, record) => void records.set(license, { ...record }),
  };
}

export type BlockReason = 'EXPIRED' | 'RELEASED' | 'NOT_ALIVE' | 'NOT_ACTIVATED' | 'NOT_FOUND' | 'REFUSED' | 'UNREACHABLE';

export interface Message {
  en: string;
  zh: string;
}

export type LicenseDecision =
  | {
      allow: true;
      /** heartbeat: checked now; cached: already checked today; offline-grace: marketplace unreachable. */
      via: 'heartbeat' | 'cached' | 'offline-grace';
      /** Set for offline-grace: when the software will block unless the marketplace answers. */
      graceEndsAtMs?: number;
      message?: Message;
    }
  | { allow: false; reason: BlockReason; status?: string; message: Message };

export const RENEW_URL = 'https://marketplace.huaweicloud.com/';

export const BLOCK_MESSAGES: Record<BlockReason, Message> = {
  EXPIRED: {
    en: `Your license has expired. Renew it on KooGallery (${RENEW_URL}) to keep using this software.`,
    zh: `授权码已过期，请前往华为云云商店（${RENEW_URL}）续费后继续使用。`,
  },
  RELEASED: {
    en: `Your license has been released. Renew or buy it again on KooGallery (${RENEW_URL}) to use this software.`,
    zh: `授权码已释放，请前往华为云云商店（${RENEW_URL}）续费或重新购买。`,
  },
  NOT_ALIVE: {
    en: `Your license is not active. Renew it on KooGallery (${RENEW_URL}) to keep using this software.`,
    zh: `授权码当前不可用，请前往华为云云商店（${RENEW_URL}）续费后继续使用。`,
  },
  NOT_ACTIVATED: {
    en: 'This license code has not been activated yet. Activate it first.',
    zh: '授权码尚未激活，请先激活。',
  },
  NOT_FOUND: {
    en: 'KooGallery does not recognise this license code. Check it under 我的云商店 > 已购买资源.',
    zh: '云商店无法识别该授权码，请在“我的云商店 > 已购买资源”中核对。',
  },
  REFUSED: {
    en: 'KooGallery refused this license code. Check it under 我的云商店 > 已购买资源.',
    zh: '云商店拒绝了该授权码，请在“我的云商店 > 已购买资源”中核对。',
  },
  UNREACHABLE: {
    en: 'KooGallery cannot be reached to verify your license and the offline grace period is over. Check the network connection.',
    zh: '无法连接华为云云商店校验授权码，且离线宽限期已结束，请检查网络连接。',
  },
};

const OFFLINE_MESSAGE: Message = {
  en: 'KooGallery cannot be reached to verify your license; the software keeps working during the offline grace period.',
  zh: '暂时无法连接华为云云商店校验授权码，离线宽限期内可继续使用。',
};

function dayOf(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / DAY_MS);
}

function blockFor(status: string): LicenseDecision {
  const reason: BlockReason =
    status === 'EXPIRED' ? 'EXPIRED'
    : status === 'RELEASED' ? 'RELEASED'
    : status === 'NOT_ACTIVATED' ? 'NOT_ACTIVATED'
    : status === 'NOT_EXIST' ? 'NOT_FOUND'
    : status === 'ILLEGAL_STATE' || status === 'NOT_RECEIVED' || status === 'INVALID_PARAM' || status === 'INVALID_CODE_IN_BATCH' ? 'REFUSED'
    : 'NOT_ALIVE';
  return { allow: false, reason, status, message: BLOCK_MESSAGES[reason] };
}

/** Errors that say something about the code itself (block); everything else is "could not ask". */
const CODE_REFUSALS = new Set<LicenseErrorKind>(['INVALID_PARAM', 'ILLEGAL_STATE', 'NOT_RECEIVED', 'NOT_EXIST', 'NOT_ACTIVATED', 'INVALID_CODE_IN_BATCH']);

/** Whether this use must ask the marketplace (pure; exported for tests and custom loops). */
export function heartbeatDue(record: LicenseCheckRecord | undefined, nowMs: number, policy: LicensePolicy = DEFAULT_LICENSE_POLICY): boolean {
  if (record?.failedAtMs !== undefined && (record.answeredAtMs === undefined || record.failedAtMs > record.answeredAtMs)) {
    return nowMs - record.failedAtMs >= policy.offlineRetryMs;
  }
  if (record?.answeredAtMs === undefined) return true;
  if (record.status !== 'ALIVE') return nowMs - record.answeredAtMs >= policy.blockedRecheckMs;
  if (record.expireAtMs !== undefined && nowMs >= record.expireAtMs) return true;
  return dayOf(record.answeredAtMs, policy.utcOffsetMinutes) !== dayOf(nowMs, policy.utcOffsetMinutes);
}

/** The decision from what is remembered, when no heartbeat is made now (or it could not answer). */
export function decideFromRecord(record: LicenseCheckRecord | undefined, nowMs: number, policy: LicensePolicy = DEFAULT_LICENSE_POLICY): LicenseDecision {
  const answered = record?.answeredAtMs !== undefined;
  // The marketplace's last word was "not usable": a later failure to ask again does not lift that.
  if (answered && record!.status !== 'ALIVE') return blockFor(String(record!.status));
  const unanswered = record?.failedAtMs !== undefined && (record.answeredAtMs === undefined || record.failedAtMs > record.answeredAtMs);
  if (answered && !unanswered) return { allow: true, via: 'cached' };
  // The marketplace could not be asked: grace from the last ALIVE answer, never past a known expiry.
  const graceEndsAtMs = record?.aliveAtMs !== undefined ? record.aliveAtMs + policy.offlineGraceMs : undefined;
  const pastExpiry = record?.expireAtMs !== undefined && nowMs >= record.expireAtMs;
  if (graceEndsAtMs !== undefined && nowMs < graceEndsAtMs && !pastExpiry) {
    return { allow: true, via: 'offline-grace', graceEndsAtMs, message: OFFLINE_MESSAGE };
  }
  return { allow: false, reason: 'UNREACHABLE', message: BLOCK_MESSAGES.UNREACHABLE };
}

export interface LicenseGuardOptions {
  client: Pick<LicenseClient, 'heartbeat'>;
  license: string;
  store: LicenseStateStore;
  /** Injected clock (ms since the epoch). */
  now: () => number;
  policy?: Partial<LicensePolicy>;
}

/**
 * Call `check()` when the user starts using the software: it runs the heartbeat when due,
 * remembers the answer and says whether to allow the use.
 */
export class LicenseGuard {
  private readonly policy: LicensePolicy;
  constructor(private readonly opts: LicenseGuardOptions) {
    this.policy = { ...DEFAULT_LICENSE_POLICY, ...opts.policy };
  }

  async check(): Promise<LicenseDecision> {
    const nowMs = this.opts.now();
    const record = (await this.opts.store.load(this.opts.license)) ?? {};
    if (!heartbeatDue(record, nowMs, this.policy)) return decideFromRecord(record, nowMs, this.policy);
    let next: LicenseCheckRecord;
    try {
      const hb = await this.opts.client.heartbeat(this.opts.license);
      const alive = hb.status === 'ALIVE';
      next = {
        ...record,
        answeredAtMs: nowMs,
        status: hb.status,
        aliveAtMs: alive ? nowMs : record.aliveAtMs,
        expireAtMs: hb.expireTime?.getTime() ?? (alive ? undefined : record.expireAtMs),
        failedAtMs: undefined,
      };
      await this.opts.store.save(this.opts.license, next);
      return alive ? { allow: true, via: 'heartbeat' } : blockFor(hb.status);
    } catch (err) {
      if (!(err instanceof LicenseApiError)) throw err;
      if (CODE_REFUSALS.has(err.kind)) {
        next = { ...record, answeredAtMs: nowMs, status: err.kind, failedAtMs: undefined };
        await this.opts.store.save(this.opts.license, next);
        return blockFor(err.kind);
      }
      next = { ...record, failedAtMs: nowMs };
      await this.opts.store.save(this.opts.license, next);
      return decideFromRecord(next, nowMs, this.policy);
    }
  }
}
