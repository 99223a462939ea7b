/**
 * Every way a call to a tenant's OneAccess can fail, as one typed error
 * (docs/protocol/login.md#endpoints). Callers branch on `kind`:
 *
 * - `invalid_grant`  400 {"error":"invalid_grant"} — the code or refresh token is unknown, used,
 *                    expired or issued to another client. Start a new login.
 * - `unauthorized`   401/403, or an `unauthorized` / `invalid_client` / `unauthorized_client`
 *                    error — wrong client_id/client_secret at the token endpoint (Huawei's FAQ:
 *                    check DomainName, ClientId, ClientSecret against the sync), or an expired /
 *                    invalid access token at userinfo (refresh, then retry once).
 * - `bad_response`   the server answered, but with something we cannot use: 5xx, a body that is
 *                    not JSON, a JSON shape that fails validation, or another OAuth error
 *                    (invalid_request, unsupported_grant_type …; see `error`).
 * - `network`        no answer: DNS, connection refused/reset, TLS, or the caller aborted.
 * - `timeout`        no complete answer within the time limit (default 5 s).
 */
export type OneAccessErrorKind = "invalid_grant" | "unauthorized" | "bad_response" | "network" | "timeout";

export interface OneAccessErrorDetails {
  /** Which call failed. */
  endpoint?: "token" | "refresh" | "userinfo";
  /** HTTP status when the server answered. */
  status?: number;
  /** OAuth `error` of the response body, when there was one. */
  error?: string;
  /** OAuth `error_description` of the response body, when there was one. */
  errorDescription?: string;
  cause?: unknown;
}

export class OneAccessError extends Error {
  readonly kind: OneAccessErrorKind;
  readonly endpoint?: OneAccessErrorDetails["endpoint"];
  readonly status?: number;
  readonly error?: string;
  readonly errorDescription?: string;

  constructor(kind: OneAccessErrorKind, message: string, details: OneAccessErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "OneAccessError";
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }
}

export function isOneAccessError(err: unknown, kind?: OneAccessErrorKind): err is OneAccessError {
  return err instanceof OneAccessError && (kind === undefined || err.kind === kind);
}
