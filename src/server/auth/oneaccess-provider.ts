/**
 * The 联营账号 OAuth provider for next-auth: one tenant's OneAccess (docs/protocol/login.md#web-login-flow, docs/protocol/login.md#endpoints),
 * built PER CALLBACK REQUEST from that tenant's synced row — there is no hard-coded tenant.
 *
 *   GET /api/auth/callback/oneaccess?code=…&tenant=…[&state=…]
 *     → oneaccess-routes.ts checks our state (when we started the login), resolveTenantLogin
 *       (domainName, clientId, decrypted clientSecret), then runs next-auth with
 *       `callbackAuthOptions(ctx)`:
 *         token.request    → exchangeCode (POST {domain}/api/v1/oauth2/token)
 *         userinfo.request → fetchUserInfo (GET {domain}/api/v1/oauth2/userinfo)
 *         profile          → id "{tenant}:{userName}"
 *         signIn           → userinfo `tenant` must be the callback's; resolveCustomer (synced,
 *                            enabled, granted, instance not released) or /login?error=<reason>
 *         jwt              → a CustomerSession row holds the tokens; the JWT gets { user, sid }
 *
 * `checks: ["none"]`: see login-state.ts. Later requests never need this provider: the static
 * options' jwt callback (config.ts) checks and refreshes the session from the database.
 *
 * Everything the callback learns is also written to `ctx.outcome`, so the route can tell the
 * user why a login failed (next-auth itself only knows "OAuthCallback").
 */
import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import {
  DEFAULT_SCOPE,
  exchangeCode,
  fetchUserInfo,
  resolveCustomer,
  type FetchLike,
  type OneAccessDb,
  type OneAccessError,
  type OneAccessUserInfo,
  type TenantLogin,
} from "~/server/oneaccess";
import { authOptions, SESSION_MAX_AGE_SECONDS } from "./config";
import {
  createCustomerSession,
  customerSessionUser,
  tokensFromResponse,
  type CustomerSessionDb,
  type ResolvedCustomer,
  type SessionTokens,
} from "./customer-session";
import { loginErrorForCustomer, loginErrorPath, type LoginErrorCode } from "./login-errors";
import { logger } from "~/server/observability/logger";

export { customerSessionUser, type ResolvedCustomer };

export const ONEACCESS_PROVIDER_ID = "oneaccess";

export type ResolvedTenantLogin = Extract<TenantLogin, { ok: true }>;

/** What one callback request knows and learns. */
export interface OneAccessCallbackContext {
  /** The callback's `tenant` query parameter. */
  tenantId: string;
  /** resolveTenantLogin(db, tenantId) — the tenant's OneAccess and OAuth client. */
  login: ResolvedTenantLogin;
  /**
   * Sent with the code exchange only when our own authorize request carried it (the unified
   * login's redirect_uri is the registered login URL, which we do not see).
   */
  redirectUri?: string;
  /** KOOGALLERY_APP_ID: when set the user must hold a grant for this app (authSync). */
  requireGrantFor?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  outcome: CallbackOutcome;
}

export interface CallbackOutcome {
  tokens?: SessionTokens;
  userInfo?: OneAccessUserInfo;
  /** The token or userinfo call failed. */
  error?: OneAccessError | Error;
  /** The user was authenticated by OneAccess but may not sign in here. */
  refusal?: { code: LoginErrorCode; message: string };
  customer?: ResolvedCustomer;
  /** Set once the session exists: the login succeeded. */
  sessionId?: string;
}

export function newCallbackContext(input: Omit<OneAccessCallbackContext, "outcome">): OneAccessCallbackContext {
  return { ...input, outcome: {} };
}

/** The custom OAuth provider for the tenant of this callback. */
export function oneAccessProvider(ctx: OneAccessCallbackContext): OAuthConfig<OneAccessUserInfo> {
  const { login } = ctx;
  const client = {
    domainName: login.tenant.domainName,
    clientId: login.application.clientId,
    clientSecret: login.clientSecret,
    fetch: ctx.fetch,
    timeoutMs: ctx.timeoutMs,
  };
  const record = (err: unknown) => {
    ctx.outcome.error = err instanceof Error ? err : new Error(String(err));
  };
  return {
    id: ONEACCESS_PROVIDER_ID,
    name: "联营账号 (OneAccess)",
    type: "oauth",
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    checks: ["none"],
    idToken: false,
    authorization: { url: login.endpoints.authorize, params: { scope: DEFAULT_SCOPE, response_type: "code" } },
    token: {
      url: login.endpoints.token,
      async request({ params }) {
        try {
          const answer = await exchangeCode({ ...client, code: params.code ?? "", redirectUri: ctx.redirectUri });
          const tokens = tokensFromResponse(answer, (ctx.now ?? Date.now)());
          ctx.outcome.tokens = tokens;
          return {
            tokens: {
              access_token: tokens.accessToken,
              token_type: answer.token_type,
              ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
              ...(answer.scope ? { scope: answer.scope } : {}),
              expires_at: Math.floor(tokens.expiresAtMs / 1000),
            },
          };
        } catch (err) {
          record(err);
          throw err;
        }
      },
    },
    userinfo: {
      url: login.endpoints.userinfo,
      async request({ tokens }) {
        try {
          const info = await fetchUserInfo({ ...client, accessToken: tokens.access_token ?? "" });
          ctx.outcome.userInfo = info;
          return info;
        } catch (err) {
          record(err);
          throw err;
        }
      },
    },
    profile(info) {
      return { id: `${ctx.tenantId}:${info.userName}`, name: info.name || info.userName, email: info.email ?? null };
    },
  };
}

export type SignInDecision = { ok: true; customer: ResolvedCustomer } | { ok: false; code: LoginErrorCode; message: string };

/**
 * After userinfo: may this 联营账号 use the app? The userinfo `tenant` must be the callback's
 * (a code of another tenant's OneAccess must not sign in here); when userinfo omits it — the
 * documented 200 example does — the token came from this tenant's own OneAccess with its own
 * client credentials, which binds it to the tenant.
 */
export async function decideCustomerSignIn(ctx: OneAccessCallbackContext, db: OneAccessDb, info: OneAccessUserInfo | undefined): Promise<SignInDecision> {
  if (!info?.userName) return { ok: false, code: "oauth_bad_response", message: "userinfo carried no userName" };
  if (info.tenant !== undefined && info.tenant !== ctx.tenantId) {
    return { ok: false, code: "tenant_mismatch", message: `userinfo tenant ${JSON.stringify(info.tenant)} is not the callback's tenant ${JSON.stringify(ctx.tenantId)}` };
  }
  const customer = await resolveCustomer(db, { tenantId: ctx.tenantId, userName: info.userName, appId: ctx.requireGrantFor });
  if (!customer.ok) return { ok: false, code: loginErrorForCustomer(customer.reason), message: customer.message };
  return { ok: true, customer };
}

/** next-auth options for one OneAccess callback: the static options plus this tenant's provider. */
export function callbackAuthOptions(
  ctx: OneAccessCallbackContext,
  db: CustomerSessionDb,
  opts: { log?: (line: string) => void; base?: AuthOptions } = {},
): AuthOptions {
  const base = opts.base ?? authOptions;
  const log = opts.log ?? ((line: string) => logger("auth").warn(line));
  const where = `tenant ${ctx.tenantId}`;
  return {
    ...base,
    secret: base.secret,
    providers: [oneAccessProvider(ctx)],
    pages: { signIn: "/login", error: "/login" },
    // next-auth logs every failed callback with a stack; ours says what happened in one line.
    logger: {
      error(code, metadata) {
        const err = ctx.outcome.error;
        log(`[auth] OneAccess callback for ${where} failed (${code}): ${err ? err.message : describe(metadata)}`);
      },
      warn() {},
      debug() {},
    },
    callbacks: {
      ...base.callbacks,
      async signIn({ profile }) {
        const decision = await decideCustomerSignIn(ctx, db, profile as OneAccessUserInfo | undefined);
        if (decision.ok) {
          ctx.outcome.customer = decision.customer;
          return true;
        }
        ctx.outcome.refusal = { code: decision.code, message: decision.message };
        log(`[auth] 联营账号 sign-in refused for ${where}: ${decision.code}: ${decision.message}`);
        return loginErrorPath(decision.code);
      },
      async jwt(params) {
        if (params.account?.provider === ONEACCESS_PROVIDER_ID && params.user) {
          const { customer, tokens } = ctx.outcome;
          if (!customer || !tokens) throw new Error("OneAccess sign-in reached jwt without a customer and tokens");
          const user = customerSessionUser(customer);
          const sid = await createCustomerSession(db, {
            user,
            appId: ctx.login.application.appId,
            tokens,
            maxAgeSeconds: base.session?.maxAge ?? SESSION_MAX_AGE_SECONDS,
            nowMs: (ctx.now ?? Date.now)(),
          });
          ctx.outcome.sessionId = sid;
          return { sub: params.token.sub, name: user.name, user, sid };
        }
        return base.callbacks!.jwt!(params);
      },
    },
  };
}

function describe(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  const m = metadata as { error?: unknown; message?: unknown } | undefined;
  if (m?.error instanceof Error) return m.error.message;
  return typeof m?.message === "string" ? m.message : "see above";
}
