/**
 * Result codes of the License callbacks (refreshLicenseCode, updateLicenseCodeStatus,
 * releaseLicenseCode): same numbers and envelope as the SaaS table (result-codes.ts), but
 * 000003 means 授权码ID不存在 (license code does not exist) and there are no 0001xx codes.
 * README "License products" describes when each one is answered.
 */
import type { ResultCode } from './result-codes';

export const LICENSE_RESULT_CODES = {
  '000000': { zh: '成功', en: 'success.' },
  '000001': { zh: '鉴权失败', en: 'authentication failed' },
  '000002': { zh: '请求参数不合法', en: 'invalid request parameter' },
  '000003': { zh: '授权码ID不存在', en: 'license code does not exist' },
  '000004': { zh: '请求处理中', en: 'request is being processed' },
  '000005': { zh: '其它服务内部错误', en: 'other internal error' },
} as const satisfies Partial<Record<ResultCode, { zh: string; en: string }>>;

export type LicenseResultCode = keyof typeof LICENSE_RESULT_CODES;

export function isLicenseResultCode(value: unknown): value is LicenseResultCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LICENSE_RESULT_CODES, value);
}

export function licenseResultMessage(code: LicenseResultCode, lang: 'en' | 'zh' = 'en'): string {
  return LICENSE_RESULT_CODES[code][lang];
}
