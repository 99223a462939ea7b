/**
 * One domain error table. Each code decides, in one row, how it is rendered everywhere:
 * the tRPC error code (tenant/admin API), the HTTP status (plain JSON routes) and the
 * KooGallery resultCode (marketplace callbacks, which always answer HTTP 200).
 * Messages are given in zh-CN and en so the UI can show the user's language.
 */
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

export type KooResultCode =
  | "000000" | "000001" | "000002" | "000003" | "000004" | "000005"
  | "000100" | "000101" | "000102" | "000103" | "000104" | "000105" | "000106" | "000107";

interface ErrorRow {
  trpc: TRPC_ERROR_CODE_KEY;
  http: number;
  resultCode: KooResultCode;
  en: string;
  zh: string;
}

export const ERROR_TABLE = {
  SIGNATURE_INVALID: { trpc: "UNAUTHORIZED", http: 401, resultCode: "000001", en: "authentication failed", zh: "鉴权失败" },
  REPLAYED_REQUEST: { trpc: "UNAUTHORIZED", http: 401, resultCode: "000001", en: "request was already received (replayed nonce)", zh: "重复的请求（nonce 已使用）" },
  INVALID_INPUT: { trpc: "BAD_REQUEST", http: 400, resultCode: "000002", en: "invalid request parameter", zh: "请求参数不合法" },
  INSTANCE_NOT_FOUND: { trpc: "NOT_FOUND", http: 404, resultCode: "000003", en: "instance does not exist", zh: "实例ID不存在" },
  ILLEGAL_TRANSITION: { trpc: "CONFLICT", http: 409, resultCode: "000003", en: "the instance cannot change this way", zh: "实例当前状态不允许此操作" },
  PROCESSING: { trpc: "CONFLICT", http: 409, resultCode: "000004", en: "request is being processed", zh: "请求处理中" },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500, resultCode: "000005", en: "internal error", zh: "其它服务内部错误" },
  NO_RESOURCE: { trpc: "PRECONDITION_FAILED", http: 409, resultCode: "000100", en: "no instance resource available", zh: "无可用实例资源分配" },
  // The official demo answers 000101 "something wrong with appSecret" when applicationSync's
  // clientSecret cannot be decrypted; the V2 pages list no Kit-specific code.
  CLIENT_SECRET_UNREADABLE: { trpc: "BAD_REQUEST", http: 400, resultCode: "000101", en: "something wrong with appSecret", zh: "clientSecret 无法解密" },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401, resultCode: "000001", en: "please sign in", zh: "请先登录" },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403, resultCode: "000001", en: "you may not do this", zh: "无权执行此操作" },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404, resultCode: "000002", en: "not found", zh: "未找到" },
} as const satisfies Record<string, ErrorRow>;

export type AppErrorCode = keyof typeof ERROR_TABLE;

export class AppError extends Error {
  readonly row: ErrorRow;
  constructor(
    public readonly code: AppErrorCode,
    /** Detail for logs and for the caller (must not contain secrets). */
    public readonly detail?: string,
  ) {
    super(detail ? `${ERROR_TABLE[code].en}: ${detail}` : ERROR_TABLE[code].en);
    this.name = "AppError";
    this.row = ERROR_TABLE[code];
  }
  get resultCode(): KooResultCode {
    return this.row.resultCode;
  }
  get httpStatus(): number {
    return this.row.http;
  }
}

/** Anything thrown that is not an AppError is an internal error; its text is never shown. */
export function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError("INTERNAL");
}
