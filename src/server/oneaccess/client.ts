/**
 * OAuth client for ONE tenant's OneAccess (docs/protocol/login.md#endpoints): code exchange, refresh,
 * userinfo. Framework-free (plain fetch), so the next-auth provider, scripts and tests share it.
 *
 * - Client authentication is `client_id` + `client_secret` in the form body (the docs' only
 *   form); `client_secret` is the decrypted plaintext of the applicationSync secret.
 * - Every answer is validated (schemas.ts) and every failure becomes a `OneAccessError`
 *   (errors.ts) with a message naming the endpoint, HTTP status and OAuth error.
 * - Each call has a time limit (default 5 s) covering connect, headers and body.
 * - Redirects are not followed: a token endpoint that redirects is misconfigured, and following
 *   a 307 would re-send the client secret elsewhere.
 */
import type { ZodType } from "zod";
import { oneAccessEndpoints } from "./endpoints";
import { OneAccessError, type OneAccessErrorDetails } from "./errors";
import {
  errorResponseSchema,
  tokenResponseSchema,
  userInfoSchema,
  type OneAccessTokens,
  type OneAccessUserInfo,
} from "./schemas";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 5_000;

export interface CallOptions {
  /** Defaults to the global fetch; tests and the emulator pass their own. */
  fetch?: FetchLike;
  /** Time limit for the whole call (headers and body), default 5000 ms. */
  timeoutMs?: number;
  /** Caller cancellation (reported as kind "network"). */
  signal?: AbortSignal;
}

export interface ExchangeCodeInput extends CallOptions {
  domainName: string;
  clientId: string;
  /** Decrypted plaintext (resolveTenantLogin unseals it). */
  clientSecret: string;
  code: string;
  /** Optional in the docs; send the callback URL used in the authorize request when there was one. */
  redirectUri?: string;
}

export interface RefreshAccessTokenInput extends CallOptions {
  domainName: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface FetchUserInfoInput extends CallOptions {
  domainName: string;
  accessToken: string;
}

type Endpoint = NonNullable<OneAccessErrorDetails["endpoint"]>;

/** POST {domain}/api/v1/oauth2/token, grant_type=authorization_code. */
export async function exchangeCode(input: ExchangeCodeInput): Promise<OneAccessTokens> {
  const form = new URLSearchParams({
    client_id: input.clientId,
    client_secret: input.clientSecret,
    code: input.code,
    grant_type: "authorization_code",
  });
  if (input.redirectUri) form.set("redirect_uri", input.redirectUri);
  return call("token", oneAccessEndpoints(input.domainName).token, formInit(form), tokenResponseSchema, input);
}

/** POST {domain}/api/v1/oauth2/token, grant_type=refresh_token (access_token 续期). */
export async function refreshAccessToken(input: RefreshAccessTokenInput): Promise<OneAccessTokens> {
  const form = new URLSearchParams({
    client_id: input.clientId,
    client_secret: input.clientSecret,
    grant_type: "refresh_token",
    refresh_token: input.refreshToken,
  });
  return call("refresh", oneAccessEndpoints(input.domainName).token, formInit(form), tokenResponseSchema, input);
}

/** GET {domain}/api/v1/oauth2/userinfo with `Authorization: Bearer …`. */
export async function fetchUserInfo(input: FetchUserInfoInput): Promise<OneAccessUserInfo> {
  const init: RequestInit = {
    method: "GET",
    headers: { Authorization: `Bearer ${input.accessToken}`, Accept: "application/json" },
  };
  return call("userinfo", oneAccessEndpoints(input.domainName).userinfo, init, userInfoSchema, input);
}

/** Absolute expiry (ms since epoch) of a token answered at `nowMs` with `expires_in` seconds. */
export function tokenExpiresAt(nowMs: number, expiresIn: number): number {
  return nowMs + expiresIn * 1000;
}

/** True when the access token expires within `skewMs` (default 60 s) or already has. */
export function needsRefresh(expiresAtMs: number, nowMs: number, skewMs = 60_000): boolean {
  return nowMs >= expiresAtMs - skewMs;
}

function formInit(form: URLSearchParams): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Accept: "application/json" },
    body: form.toString(),
  };
}

const LABEL: Record<Endpoint, string> = {
  token: "OneAccess token endpoint (authorization_code)",
  refresh: "OneAccess token endpoint (refresh_token)",
  userinfo: "OneAccess userinfo endpoint",
};

async function call<T>(endpoint: Endpoint, url: string, init: RequestInit, schema: ZodType<T>, opts: CallOptions): Promise<T> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  if (opts.signal?.aborted) {
    throw new OneAccessError("network", `${LABEL[endpoint]} not called: request aborted (${url})`, { endpoint, cause: opts.signal.reason });
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onCallerAbort = () => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener("abort", onCallerAbort, { once: true });

  let status: number;
  let text: string;
  try {
    const res = await doFetch(url, { ...init, redirect: "manual", cache: "no-store", signal: controller.signal });
    status = res.status;
    text = await res.text();
  } catch (err) {
    if (timedOut) {
      throw new OneAccessError("timeout", `${LABEL[endpoint]} did not answer within ${timeoutMs} ms (${url})`, { endpoint, cause: err });
    }
    const reason = controller.signal.aborted ? "request aborted" : describeNetworkError(err);
    throw new OneAccessError("network", `${LABEL[endpoint]} unreachable: ${reason} (${url})`, { endpoint, cause: err });
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onCallerAbort);
  }

  let json: unknown;
  let malformed = false;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    malformed = true;
  }

  const errBody = errorResponseSchema.safeParse(json);
  const isError = status < 200 || status >= 300 || errBody.success;
  if (isError) throw classify(endpoint, status, errBody.success ? errBody.data : undefined, malformed ? text : undefined);

  if (malformed || json === undefined) {
    throw new OneAccessError("bad_response", `${LABEL[endpoint]} answered HTTP ${status} with a body that is not JSON: ${snippet(text)}`, {
      endpoint,
      status,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    throw new OneAccessError("bad_response", `${LABEL[endpoint]} answered an unexpected shape: ${issues}`, { endpoint, status });
  }
  return parsed.data;
}

const UNAUTHORIZED_CODES = new Set(["unauthorized", "invalid_client", "unauthorized_client", "invalid_token"]);

function classify(
  endpoint: Endpoint,
  status: number,
  body: { error: string; error_description?: string } | undefined,
  rawText: string | undefined,
): OneAccessError {
  const details = { endpoint, status, error: body?.error, errorDescription: body?.error_description };
  const what = body ? `${body.error}${body.error_description ? `: ${body.error_description}` : ""}` : rawText !== undefined ? snippet(rawText) : "no error body";
  const suffix = `(HTTP ${status} ${what})`;
  if (body?.error === "invalid_grant") {
    const thing = endpoint === "refresh" ? "refresh token" : "authorization code";
    return new OneAccessError("invalid_grant", `${LABEL[endpoint]} rejected the ${thing}: it is unknown, used, expired or belongs to another client ${suffix}`, details);
  }
  if ((body && UNAUTHORIZED_CODES.has(body.error)) || status === 401 || status === 403) {
    const msg =
      endpoint === "userinfo"
        ? `${LABEL[endpoint]} did not accept the access token (expired or revoked; refresh it) ${suffix}`
        : `${LABEL[endpoint]} refused the client credentials: check the tenant's synced domainName, clientId and clientSecret ${suffix}`;
    return new OneAccessError("unauthorized", msg, details);
  }
  if (status >= 300 && status < 400) {
    return new OneAccessError("bad_response", `${LABEL[endpoint]} answered with a redirect, which is not followed ${suffix}`, details);
  }
  return new OneAccessError("bad_response", `${LABEL[endpoint]} failed ${suffix}`, details);
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const causeMsg = cause instanceof Error ? cause.message : undefined;
  return [err.message, typeof code === "string" ? code : undefined, causeMsg && causeMsg !== err.message ? causeMsg : undefined]
    .filter(Boolean)
    .join(" — ");
}

function snippet(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(one.length > 200 ? `${one.slice(0, 200)}…` : one);
}
