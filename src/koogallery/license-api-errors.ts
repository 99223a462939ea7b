/**
 * Answer codes of the License open APIs (激活授权码 license/activate, 查询授权码 license/heartbeat)
 * and the typed errors the client (license-client.ts) throws for them. Every error carries the
 * marketplace's code and message; `retryable` says whether asking again later can help, which is
 * what the usage policy (license-policy.ts) needs to choose between blocking and offline grace.
 *
 * Codes (HTTP 200 unless noted): 92020000 success, 92020001 internal error, 92020002 invalid param,
 * 92020003 illegal state (e.g. already activated), 92020004 not yet received by the user, 92020005
 * code does not exist, 92020011 not activated, 92020020 invalid code in a batch; the gateway's
 * 95000001 (400) invalid param, 95000002 (405) method, 95000003 (415) content type, 95000004 (400)
 * body not readable.
 */

export const LICENSE_API_SUCCESS = '92020000';

export type LicenseErrorKind =
  | 'INTERNAL_ERROR'
  | 'INVALID_PARAM'
  | 'ILLEGAL_STATE'
  | 'NOT_RECEIVED'
  | 'NOT_EXIST'
  | 'NOT_ACTIVATED'
  | 'INVALID_CODE_IN_BATCH'
  | 'REQUEST_REJECTED'
  | 'AUTH_FAILED'
  | 'UNREACHABLE'
  | 'UNEXPECTED_ANSWER';

interface CodeRow {
  kind: LicenseErrorKind;
  en: string;
  zh: string;
}

export const LICENSE_API_CODES = {
  '92020001': { kind: 'INTERNAL_ERROR', en: 'marketplace internal error', zh: '内部错误' },
  '92020002': { kind: 'INVALID_PARAM', en: 'invalid parameter', zh: '参数不合法' },
  '92020003': { kind: 'ILLEGAL_STATE', en: 'illegal state (for example, already activated)', zh: '状态不合法（例如已激活）' },
  '92020004': { kind: 'NOT_RECEIVED', en: 'the code cannot be activated before the user received it', zh: '用户未领取授权码，不能激活' },
  '92020005': { kind: 'NOT_EXIST', en: 'license code does not exist', zh: '授权码不存在' },
  '92020011': { kind: 'NOT_ACTIVATED', en: 'license code is not activated', zh: '授权码未激活' },
  '92020020': { kind: 'INVALID_CODE_IN_BATCH', en: 'invalid license code in the batch', zh: '批量请求中有无效授权码' },
  '95000001': { kind: 'REQUEST_REJECTED', en: 'request parameter invalid', zh: '请求参数不合法' },
  '95000002': { kind: 'REQUEST_REJECTED', en: 'HTTP method not supported', zh: '不支持的请求方法' },
  '95000003': { kind: 'REQUEST_REJECTED', en: 'content type not supported', zh: '不支持的 Content-Type' },
  '95000004': { kind: 'REQUEST_REJECTED', en: 'request body not readable', zh: '请求体无法读取' },
} as const satisfies Record<string, CodeRow>;

export type LicenseApiCode = keyof typeof LICENSE_API_CODES;

export function isLicenseApiCode(value: unknown): value is LicenseApiCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LICENSE_API_CODES, value);
}

/** Base class: `code` is the marketplace's error_code (or an APIG/transport code), `kind` its meaning. */
export class LicenseApiError extends Error {
  constructor(
    readonly kind: LicenseErrorKind,
    /** error_code as answered ("92020005", "APIGW.0301" …), or "NETWORK" / "TIMEOUT" / "HTTP_<status>". */
    readonly code: string,
    message: string,
    /** HTTP status of the answer; 0 when there was none. */
    readonly httpStatus: number,
    /** Asking again later may succeed (marketplace or network trouble, not the code's state). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 92020001: the marketplace failed internally; retry later. */
export class LicenseInternalError extends LicenseApiError {}
/** 92020002: the request was refused as invalid (a malformed code, a real_effect_time before the order). */
export class LicenseInvalidParamError extends LicenseApiError {}
/** 92020003: the code is not in a state for this call, typically activate on an activated code. */
export class LicenseIllegalStateError extends LicenseApiError {}
/** 92020004: the buyer has not received the code yet (我的云商店 > 已购买资源), so it cannot be activated. */
export class LicenseNotReceivedError extends LicenseApiError {}
/** 92020005: the marketplace does not know this code. */
export class LicenseNotFoundError extends LicenseApiError {}
/** 92020011: heartbeat before activation. */
export class LicenseNotActivatedError extends LicenseApiError {}
/** 92020020: a code of a batch request is invalid. */
export class LicenseBatchCodeError extends LicenseApiError {}
/** 95000001–95000004: the gateway refused the request itself (a client bug, not the code). */
export class LicenseRequestRejectedError extends LicenseApiError {}
/** HTTP 401/403 from the API gateway: wrong AK/SK, clock skew, or an account without the right. */
export class LicenseAuthError extends LicenseApiError {}
/** No usable answer: network error, timeout, HTTP 5xx or 429 without a known code. */
export class LicenseUnreachableError extends LicenseApiError {}
/** An answer that is not the documented shape (unknown code, unreadable body). */
export class LicenseUnexpectedAnswerError extends LicenseApiError {}

const CLASS_OF: Record<LicenseErrorKind, new (...a: ConstructorParameters<typeof LicenseApiError>) => LicenseApiError> = {
  INTERNAL_ERROR: LicenseInternalError,
  INVALID_PARAM: LicenseInvalidParamError,
  ILLEGAL_STATE: LicenseIllegalStateError,
  NOT_RECEIVED: LicenseNotReceivedError,
  NOT_EXIST: LicenseNotFoundError,
  NOT_ACTIVATED: LicenseNotActivatedError,
  INVALID_CODE_IN_BATCH: LicenseBatchCodeError,
  REQUEST_REJECTED: LicenseRequestRejectedError,
  AUTH_FAILED: LicenseAuthError,
  UNREACHABLE: LicenseUnreachableError,
  UNEXPECTED_ANSWER: LicenseUnexpectedAnswerError,
};

/** The typed error for a documented code; `apiMessage` is the marketplace's error_msg, if any. */
export function licenseErrorForCode(code: LicenseApiCode, apiMessage: string | undefined, httpStatus: number): LicenseApiError {
  const row = LICENSE_API_CODES[code];
  const message = `${code} ${row.en}${apiMessage ? `: ${apiMessage}` : ''}`;
  return new CLASS_OF[row.kind](row.kind, code, message, httpStatus, row.kind === 'INTERNAL_ERROR');
}

export function licenseError(kind: LicenseErrorKind, code: string, message: string, httpStatus: number): LicenseApiError {
  return new CLASS_OF[kind](kind, code, message, httpStatus, kind === 'UNREACHABLE' || kind === 'INTERNAL_ERROR');
}
