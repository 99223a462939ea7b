/**
 * KooGallery result codes (调用结果码说明) and the `{resultCode, resultMsg}` envelope.
 *
 * Spec: docs/protocol/base-interface.md#result-codes (V2 table 000000–000005 common, 000100–000107 for
 * 创建实例) and docs/protocol/base-interface.md#activities (resultCode M String(6), resultMsg O String(255)). The demo's 000101
 * "something wrong with appSecret" conflicts with the documented meaning and is not used.
 */

export const RESULT_CODES = {
  '000000': { zh: '成功', en: 'success.' },
  '000001': { zh: '鉴权失败', en: 'authentication failed' },
  '000002': { zh: '请求参数不合法', en: 'invalid request parameter' },
  '000003': { zh: '实例ID不存在', en: 'instance id does not exist' },
  '000004': { zh: '请求处理中', en: 'request is being processed' },
  '000005': { zh: '其它服务内部错误', en: 'other internal error' },
  '000100': { zh: '无可用实例资源分配', en: 'no instance resource can be allocated' },
  '000101': { zh: '手机号为空或重复', en: 'Mobile number not specified or already exists' },
  '000102': { zh: '邮箱号为空或重复', en: 'Email address is not specified or already exists' },
  '000103': { zh: '该商品不可重复购买', en: 'Product already purchased' },
  '000104': { zh: '该商品内部服务异常', en: 'Internal service error' },
  '000105': { zh: '该账号已购买权益,无法再开通', en: 'Account has already subscribed to benefits' },
  '000106': { zh: '该商品资源已售罄', en: 'Product resources sold out.' },
  '000107': { zh: '该SaaS邮箱域名重复', en: 'SaaS email domain already exists.' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ResultCode = keyof typeof RESULT_CODES;

export const RESULT_MSG_MAX_LENGTH = 255;

// A type alias, not an interface, so envelopes stay assignable to Record<string, unknown>.
export type ResultEnvelope = {
  resultCode: ResultCode;
  resultMsg: string;
};

export function isResultCode(value: unknown): value is ResultCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RESULT_CODES, value);
}

export function resultMessage(code: ResultCode, lang: 'en' | 'zh' = 'en'): string {
  return RESULT_CODES[code][lang];
}

/** Truncate to the documented 255 characters without splitting a surrogate pair. */
function clampMsg(msg: string): string {
  if (msg.length <= RESULT_MSG_MAX_LENGTH) return msg;
  let cut = RESULT_MSG_MAX_LENGTH;
  const last = msg.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return msg.slice(0, cut);
}

/** `{resultCode, resultMsg}` for any code; the message defaults to the table's English text. */
export function result(code: ResultCode, msg?: string): ResultEnvelope {
  return { resultCode: code, resultMsg: clampMsg(msg ?? resultMessage(code)) };
}

/** Success envelope (`"success."` as in the demo) followed by extra fields such as instanceId. */
export function ok<T extends Record<string, unknown> = Record<never, never>>(
  extra?: T,
): Omit<T, 'resultCode' | 'resultMsg'> & { resultCode: '000000'; resultMsg: string } {
  // Code and message first, as in the documented responses; extras cannot override them.
  const { resultCode: _code, resultMsg: _msg, ...rest } = (extra ?? {}) as Record<string, unknown>;
  return { resultCode: '000000', resultMsg: resultMessage('000000'), ...rest } as Omit<T, 'resultCode' | 'resultMsg'> & {
    resultCode: '000000';
    resultMsg: string;
  };
}
