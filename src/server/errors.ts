/**
 * One domain error table. Each code decides, in one row, how it is rendered everywhere:
 * the tRPC error code (tenant/admin API — tRPC derives the HTTP status from it, e.g.
 * PAYMENT_REQUIRED → 402, so the table keeps no second status column that could disagree) and
 * the KooGallery resultCode (marketplace callbacks, which always answer HTTP 200; the codes are
 * the protocol's own type, src/koogallery/result-codes.ts).
 * Messages are given in zh-CN and en so the UI can show the user's language.
 */
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { ResultCode } from "~/koogallery/result-codes";

interface ErrorRow {
  trpc: TRPC_ERROR_CODE_KEY;
  resultCode: ResultCode;
  en: string;
  zh: string;
}

export const ERROR_TABLE = {
  SIGNATURE_INVALID: { trpc: "UNAUTHORIZED", resultCode: "000001", en: "authentication failed", zh: "鉴权失败" },
  REPLAYED_REQUEST: { trpc: "UNAUTHORIZED", resultCode: "000001", en: "request was already received (replayed nonce)", zh: "重复的请求（nonce 已使用）" },
  INVALID_INPUT: { trpc: "BAD_REQUEST", resultCode: "000002", en: "invalid request parameter", zh: "请求参数不合法" },
  // Over REQUEST_BODY_LIMIT_BYTES (src/server/http/limited-body.ts); a parameter error for the marketplace.
  BODY_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", resultCode: "000002", en: "request body too large", zh: "请求体过大" },
  INSTANCE_NOT_FOUND: { trpc: "NOT_FOUND", resultCode: "000003", en: "instance does not exist", zh: "实例ID不存在" },
  ILLEGAL_TRANSITION: { trpc: "CONFLICT", resultCode: "000003", en: "the instance cannot change this way", zh: "实例当前状态不允许此操作" },
  // License callbacks (src/server/license): their table's 000003 is 授权码ID不存在.
  LICENSE_NOT_FOUND: { trpc: "NOT_FOUND", resultCode: "000003", en: "license code does not exist", zh: "授权码ID不存在" },
  LICENSE_ILLEGAL_TRANSITION: { trpc: "CONFLICT", resultCode: "000003", en: "the license code cannot change this way", zh: "授权码当前状态不允许此操作" },
  LICENSE_API_NOT_CONFIGURED: { trpc: "PRECONDITION_FAILED", resultCode: "000005", en: "set KOOGALLERY_OPENAPI_AK and KOOGALLERY_OPENAPI_SK to call the License open API", zh: "请先配置 KOOGALLERY_OPENAPI_AK 和 KOOGALLERY_OPENAPI_SK" },
  PROCESSING: { trpc: "CONFLICT", resultCode: "000004", en: "request is being processed", zh: "请求处理中" },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", resultCode: "000005", en: "internal error", zh: "其它服务内部错误" },
  NO_RESOURCE: { trpc: "PRECONDITION_FAILED", resultCode: "000100", en: "no instance resource available", zh: "无可用实例资源分配" },
  // The official demo answers 000101 "something wrong with appSecret" when applicationSync's
  // clientSecret cannot be decrypted; the V2 pages list no Kit-specific code.
  CLIENT_SECRET_UNREADABLE: { trpc: "BAD_REQUEST", resultCode: "000101", en: "something wrong with appSecret", zh: "clientSecret 无法解密" },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", resultCode: "000001", en: "please sign in", zh: "请先登录" },
  FORBIDDEN: { trpc: "FORBIDDEN", resultCode: "000001", en: "you may not do this", zh: "无权执行此操作" },
  NOT_FOUND: { trpc: "NOT_FOUND", resultCode: "000002", en: "not found", zh: "未找到" },
  // Billing and entitlements (src/server/billing, docs/billing.md). Tenant-facing: the message is
  // what the user reads, so each one says what to do next. resultCode only matters if one of these
  // ever reaches a marketplace callback.
  INSTANCE_FROZEN: { trpc: "PAYMENT_REQUIRED", resultCode: "000003", en: "your subscription is frozen; renew it on KooGallery to continue", zh: "实例已冻结，请前往云商店续费后继续使用" },
  INSTANCE_EXPIRED: { trpc: "PAYMENT_REQUIRED", resultCode: "000003", en: "your subscription has expired; renew it on KooGallery", zh: "订购已到期，请前往云商店续费" },
  TRIAL_EXPIRED: { trpc: "PAYMENT_REQUIRED", resultCode: "000003", en: "your trial has ended; buy the product on KooGallery to continue", zh: "试用已结束，请前往云商店购买正式版" },
  INSTANCE_RELEASED: { trpc: "FORBIDDEN", resultCode: "000003", en: "this subscription was released and can no longer be used", zh: "实例已释放，无法继续使用" },
  FEATURE_NOT_IN_PLAN: { trpc: "FORBIDDEN", resultCode: "000002", en: "your plan does not include this feature; upgrade on KooGallery", zh: "当前套餐不包含此功能，请前往云商店升级" },
  QUOTA_EXCEEDED: { trpc: "PAYMENT_REQUIRED", resultCode: "000002", en: "your plan's quota is used up; upgrade on KooGallery", zh: "已达到套餐额度上限，请前往云商店升级" },
  PACKAGE_EXHAUSTED: { trpc: "PAYMENT_REQUIRED", resultCode: "000002", en: "your package is used up; buy a new package on KooGallery to continue", zh: "套餐包额度已用完，请前往云商店购买新的套餐包" },
  DEBUG_INSTANCE: { trpc: "FORBIDDEN", resultCode: "000003", en: "your organisation is bound to a seller debug instance, which grants nothing; buy the product on KooGallery", zh: "当前组织绑定的是商家调测实例，无法使用，请前往云商店购买" },
  IDEMPOTENCY_CONFLICT: { trpc: "CONFLICT", resultCode: "000002", en: "this idempotency key was already used for a different debit", zh: "该幂等键已用于另一笔不同的扣费" },
  // Staff usage view (src/server/api/routers/usage-admin.ts): only a record the marketplace refused
  // for good may be sent again; PENDING ones are already queued and SENT ones would count twice.
  PUSH_RECORD_NOT_FAILED: { trpc: "CONFLICT", resultCode: "000002", en: "only a dead-lettered (FAILED) usage record can be re-queued", zh: "只有进入死信（FAILED）的用量记录可以重新排队" },
  // … and a dead letter the marketplace can never bill (begin_time older than 21 days, a debug instance) stays dead.
  PUSH_RECORD_NOT_REQUEUEABLE: { trpc: "PRECONDITION_FAILED", resultCode: "000002", en: "this usage record can no longer be billed by the marketplace", zh: "该用量记录已无法被云商店计费，不能重新排队" },
  // The demo product (src/server/projects).
  PROJECT_NAME_TAKEN: { trpc: "CONFLICT", resultCode: "000002", en: "a project with this name already exists", zh: "已存在同名项目" },
  ORDER_UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", resultCode: "000005", en: "order details are temporarily unavailable; retry later", zh: "暂时无法获取订单信息，请稍后重试" },
  // Staff accounts and roles (src/server/staff): README "Staff accounts and roles".
  OWNER_ONLY: { trpc: "FORBIDDEN", resultCode: "000001", en: "only an owner may do this; your account can only read", zh: "仅所有者可执行此操作；您的账号只能查看" },
  STAFF_NAME_TAKEN: { trpc: "CONFLICT", resultCode: "000002", en: "a staff account with this name already exists", zh: "已存在同名的运营账号" },
  LAST_OWNER: { trpc: "PRECONDITION_FAILED", resultCode: "000002", en: "the last active owner cannot be disabled or demoted", zh: "不能停用或降级最后一个有效的所有者" },
  WEAK_PASSWORD: { trpc: "BAD_REQUEST", resultCode: "000002", en: "the password is too weak", zh: "密码强度不足" },
  WRONG_PASSWORD: { trpc: "BAD_REQUEST", resultCode: "000002", en: "the current password is not correct", zh: "当前密码不正确" },
  OWN_PASSWORD_RESET: { trpc: "BAD_REQUEST", resultCode: "000002", en: "change your own password with your current password", zh: "修改自己的密码需要输入当前密码" },
  // A logged call whose re-run would not be honest (src/server/marketplace/dry-run.ts).
  RERUN_REFUSED: { trpc: "PRECONDITION_FAILED", resultCode: "000002", en: "this call cannot be re-run without side effects", zh: "该调用无法在无副作用的情况下重新执行" },
} as const satisfies Record<string, ErrorRow>;

export type AppErrorCode = keyof typeof ERROR_TABLE;

/** Why, in both languages, when the row's message alone does not say (which password rule failed). */
export interface AppErrorReason {
  en: string;
  zh: string;
}

/**
 * Figures a refusal carries for the client to word its own message (src/server/api/error-shape.ts
 * sends them as `appError.facts`): `remaining`, the balance left when a debit larger than it was
 * refused (QUOTA_EXCEEDED, PACKAGE_EXHAUSTED), so the page can say "only N left" rather than "used up".
 */
export interface AppErrorFacts {
  remaining?: number;
}

/** What an AppError may carry beyond its code and log detail. */
export interface AppErrorExtras {
  /** Shown to the user after the row's message, in their language (src/server/api/error-shape.ts). */
  reason?: AppErrorReason;
  facts?: AppErrorFacts;
}

export class AppError extends Error {
  readonly row: ErrorRow;
  constructor(
    public readonly code: AppErrorCode,
    /** Detail for logs and for the caller (must not contain secrets). */
    public readonly detail?: string,
    public readonly extras: AppErrorExtras = {},
  ) {
    super(detail ? `${ERROR_TABLE[code].en}: ${detail}` : ERROR_TABLE[code].en);
    this.name = "AppError";
    this.row = ERROR_TABLE[code];
  }
  get reason(): AppErrorReason | undefined {
    return this.extras.reason;
  }
  get facts(): AppErrorFacts | undefined {
    return this.extras.facts;
  }
  get resultCode(): ResultCode {
    return this.row.resultCode;
  }
}

/** Anything thrown that is not an AppError is an internal error; its text is never shown. */
export function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError("INTERNAL");
}
