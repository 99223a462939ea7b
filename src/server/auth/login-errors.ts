/**
 * Why a customer (联营账号) sign-in was refused or a session ended, as the `?error=` codes of
 * /login, each with the message the user reads in zh-CN and en. Codes only travel in URLs; the
 * page shows the table's text, never text from the URL, and an unknown code shows `oauth_failed`.
 *
 * EXTENSION POINT: a new refusal is a new row here plus the place that redirects with it.
 */
import type { CustomerRefusal, OneAccessError, TenantLoginRefusal } from "~/server/oneaccess";

interface Message {
  zh: string;
  en: string;
}

export const LOGIN_ERRORS = {
  // After userinfo: the 联营账号 is known to OneAccess but may not use this app (resolveCustomer).
  not_synced: {
    zh: "您的账号尚未同步到本应用。请联系贵企业管理员在华为云云商店为您授权后再登录。",
    en: "Your account has not been synced to this application. Ask your organisation's administrator to authorise you on Huawei Cloud KooGallery, then sign in again.",
  },
  disabled: {
    zh: "您的账号在本应用中已被停用。请联系贵企业管理员。",
    en: "Your account is disabled for this application. Please contact your organisation's administrator.",
  },
  not_granted: {
    zh: "您的账号未获授权使用本应用（授权可能已被取消）。请联系贵企业管理员。",
    en: "Your account is not authorised to use this application (the authorisation may have been withdrawn). Please contact your organisation's administrator.",
  },
  instance_released: {
    zh: "贵企业对本应用的订购已释放或尚未开通，无法登录。如需继续使用，请在云商店重新购买。",
    en: "Your organisation's subscription to this application was released or is not set up, so you cannot sign in. Buy it again on KooGallery to continue.",
  },
  // Before the code exchange: which organisation and which OAuth client.
  tenant_unknown: {
    zh: "未找到该企业，或该企业已与本应用解除绑定。请检查企业编码或租户ID。",
    en: "This organisation is unknown to this application or was unbound from it. Check the tenant code or ID.",
  },
  tenant_ambiguous: {
    zh: "有多个企业使用此企业编码，请改为输入租户ID。",
    en: "Several organisations use this tenant code. Enter the tenant ID instead.",
  },
  not_configured: {
    zh: "该企业尚未完成本应用的登录配置（未收到应用同步）。请稍后再试或联系服务商。",
    en: "Sign-in is not set up for this organisation yet (no application credentials were synced). Try again later or contact the provider.",
  },
  tenant_misconfigured: {
    zh: "该企业的登录配置不可用（认证地址或应用凭证无效）。请联系服务商。",
    en: "This organisation's sign-in settings cannot be used (invalid OneAccess address or credentials). Please contact the provider.",
  },
  app_not_configured: {
    zh: "本应用尚未配置云商店应用ID（KOOGALLERY_APP_ID），无法使用统一登录。请通过企业编码登录。",
    en: "This installation has no KooGallery appId (KOOGALLERY_APP_ID), so the unified login is unavailable. Sign in with your organisation's code instead.",
  },
  // The OAuth exchange itself.
  state_mismatch: {
    zh: "无法验证此次登录请求（不是从本站发起或已超时）。请重新登录。",
    en: "This sign-in could not be verified (it was not started here, or it took too long). Please sign in again.",
  },
  tenant_mismatch: {
    zh: "认证服务返回的用户属于另一个企业，登录已被拒绝。",
    en: "The sign-in service answered with a user of a different organisation, so the sign-in was refused.",
  },
  oauth_denied: {
    zh: "登录已被取消，或被企业认证服务拒绝。",
    en: "Sign-in was cancelled or refused by your organisation's sign-in service.",
  },
  oauth_invalid_grant: {
    zh: "登录授权码无效、已使用或已过期。请重新登录。",
    en: "The sign-in code was invalid, already used or expired. Please sign in again.",
  },
  oauth_unauthorized: {
    zh: "企业认证服务拒绝了本应用的凭证。请联系服务商。",
    en: "Your organisation's sign-in service refused this application's credentials. Please contact the provider.",
  },
  oauth_unavailable: {
    zh: "企业认证服务暂时无法访问。请稍后重试。",
    en: "Your organisation's sign-in service did not answer. Please try again later.",
  },
  oauth_bad_response: {
    zh: "企业认证服务返回了无法识别的结果。请稍后重试或联系服务商。",
    en: "Your organisation's sign-in service answered something unexpected. Try again later or contact the provider.",
  },
  oauth_failed: {
    zh: "登录失败，请重试。",
    en: "Sign-in failed. Please try again.",
  },
  // Sessions.
  session_expired: {
    zh: "您的会话已结束，请重新登录。",
    en: "Your session has ended. Please sign in again.",
  },
  staff_session: {
    zh: "您当前以服务商员工身份登录。客户页面需要使用联营账号登录。",
    en: "You are signed in as ISV staff. Customer pages need a 联营账号 (customer) sign-in.",
  },
} as const satisfies Record<string, Message>;

export type LoginErrorCode = keyof typeof LOGIN_ERRORS;

export function isLoginErrorCode(value: unknown): value is LoginErrorCode {
  return typeof value === "string" && Object.hasOwn(LOGIN_ERRORS, value);
}

/** The message for a `?error=` value; anything unknown is the generic failure. */
export function loginErrorMessage(value: unknown): { code: LoginErrorCode; message: Message } {
  const code = isLoginErrorCode(value) ? value : "oauth_failed";
  return { code, message: LOGIN_ERRORS[code] };
}

/** resolveTenantLogin's refusal → what the user is told. */
export function loginErrorForTenantLogin(reason: TenantLoginRefusal): LoginErrorCode {
  switch (reason) {
    case "tenant_unknown":
    case "tenant_deleted":
      return "tenant_unknown";
    case "no_application":
      return "not_configured";
    case "secret_unreadable":
    case "domain_invalid":
      return "tenant_misconfigured";
  }
}

/** resolveCustomer's refusal codes are login codes as they are. */
export function loginErrorForCustomer(reason: CustomerRefusal): LoginErrorCode {
  return reason;
}

/** A failed token / userinfo call → what the user is told (the log keeps the detail). */
export function loginErrorForOneAccess(err: OneAccessError | undefined): LoginErrorCode {
  switch (err?.kind) {
    case "invalid_grant":
      return "oauth_invalid_grant";
    case "unauthorized":
      return "oauth_unauthorized";
    case "network":
    case "timeout":
      return "oauth_unavailable";
    case "bad_response":
      return "oauth_bad_response";
    default:
      return "oauth_failed";
  }
}

/** `/login?error=<code>` (a path: redirects stay on this site). */
export function loginErrorPath(code: LoginErrorCode): string {
  return `/login?error=${code}`;
}
