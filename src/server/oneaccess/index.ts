/**
 * 联营账号 login against a tenant's OneAccess (docs/protocol/login.md), framework-free.
 * The local emulator is a development tool in src/dev/oneaccess-emulator (production code never imports it).
 */
export {
  UNIFIED_LOGIN_URL,
  DEFAULT_SCOPE,
  ONEACCESS_PATHS,
  normalizeDomainName,
  oneAccessEndpoints,
  buildAuthorizeUrl,
  buildUnifiedLoginUrl,
  buildLogoutUrl,
  newState,
  type OneAccessEndpoints,
  type AuthorizeUrlInput,
  type UnifiedLoginUrlInput,
  type LogoutUrlInput,
} from "./endpoints";
export {
  exchangeCode,
  refreshAccessToken,
  fetchUserInfo,
  tokenExpiresAt,
  needsRefresh,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  type CallOptions,
  type ExchangeCodeInput,
  type RefreshAccessTokenInput,
  type FetchUserInfoInput,
} from "./client";
export { OneAccessError, isOneAccessError, type OneAccessErrorKind, type OneAccessErrorDetails } from "./errors";
export {
  tokenResponseSchema,
  userInfoSchema,
  errorResponseSchema,
  SPEC_ERRORS,
  type OneAccessTokens,
  type OneAccessUserInfo,
  type OneAccessErrorBody,
} from "./schemas";
export {
  resolveTenantLogin,
  resolveCustomer,
  countSeats,
  type OneAccessDb,
  type TenantLogin,
  type TenantLoginRefusal,
  type ResolveTenantLoginOptions,
  type Customer,
  type CustomerRefusal,
  type ResolveCustomerInput,
} from "./tenant-login";
