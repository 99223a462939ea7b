/**
 * POST {base}/api/v1/oauth2/token: authorization_code and refresh_token grants (form body,
 * client_secret in the body). docs/protocol/login.md#endpoints; behaviour decisions in handler.ts.
 */
import { unseal } from "~/server/crypto/at-rest";
import { SPEC_ERRORS } from "~/server/oneaccess/schemas";
import { activeUser, type Ctx } from "./context";
import { json, sameSecret } from "./http";
import { randomToken, type TokenRecord } from "./store";

export async function token(ctx: Ctx, form: URLSearchParams): Promise<Response> {
  const clientId = form.get("client_id") ?? "";
  const clientSecret = form.get("client_secret") ?? "";
  if (!clientId || !clientSecret || !(await clientAuthenticates(ctx, clientId, clientSecret))) {
    return json(401, SPEC_ERRORS.unauthorized);
  }
  const grantType = form.get("grant_type") ?? "";
  if (grantType === "authorization_code") return authorizationCodeGrant(ctx, clientId, form);
  if (grantType === "refresh_token") return refreshTokenGrant(ctx, clientId, form);
  return json(400, { error: "unsupported_grant_type", error_description: `Unsupported grant type: ${grantType}` });
}

async function clientAuthenticates(ctx: Ctx, clientId: string, clientSecret: string): Promise<boolean> {
  const tenant = await ctx.db.tenant.findUnique({ where: { tenantId: ctx.tenantId } });
  if (!tenant || tenant.deletedAt) return false;
  const app = await ctx.db.application.findFirst({ where: { tenantId: ctx.tenantId, clientId, deletedAt: null } });
  if (!app) return false;
  try {
    return sameSecret(clientSecret, unseal(app.clientSecretEnc));
  } catch {
    return false;
  }
}

async function authorizationCodeGrant(ctx: Ctx, clientId: string, form: URLSearchParams): Promise<Response> {
  const code = form.get("code") ?? "";
  const record = code ? ctx.store.codes.get(code) : undefined;
  if (!record || record.tenantId !== ctx.tenantId || record.expiresAt <= ctx.nowMs) return json(400, SPEC_ERRORS.invalidCode);
  if (record.redeemed) {
    ctx.store.accessTokens.delete(record.redeemed.accessToken);
    ctx.store.refreshTokens.delete(record.redeemed.refreshToken);
    return json(400, SPEC_ERRORS.invalidCode);
  }
  const redirectUri = form.get("redirect_uri");
  if (record.clientId !== clientId || (redirectUri && redirectUri !== record.redirectUri)) {
    // A mismatched redemption burns the code too (it may have leaked).
    ctx.store.codes.delete(code);
    return json(400, SPEC_ERRORS.invalidCode);
  }
  if (!record.directory && !(await activeUser(ctx, record.userName))) {
    ctx.store.codes.delete(code);
    return json(400, SPEC_ERRORS.invalidCode);
  }
  const issued = issueTokens(ctx, {
    tenantId: ctx.tenantId,
    clientId,
    userName: record.userName,
    scope: record.scope,
    ...(record.directory ? { directory: true } : {}),
  });
  record.redeemed = { accessToken: issued.access_token, refreshToken: issued.refresh_token };
  return json(200, issued);
}

async function refreshTokenGrant(ctx: Ctx, clientId: string, form: URLSearchParams): Promise<Response> {
  const refreshToken = form.get("refresh_token") ?? "";
  const record = refreshToken ? ctx.store.refreshTokens.get(refreshToken) : undefined;
  if (!record || record.tenantId !== ctx.tenantId || record.clientId !== clientId || record.expiresAt <= ctx.nowMs) {
    return json(400, SPEC_ERRORS.invalidRefreshToken);
  }
  if (!(await activeUser(ctx, record.userName))) {
    ctx.store.refreshTokens.delete(refreshToken);
    return json(400, SPEC_ERRORS.invalidRefreshToken);
  }
  if (ctx.opts.rotateRefreshTokens) {
    ctx.store.refreshTokens.delete(refreshToken);
    return json(200, issueTokens(ctx, record));
  }
  return json(200, issueTokens(ctx, record, refreshToken));
}

function issueTokens(ctx: Ctx, who: Omit<TokenRecord, "expiresAt">, keepRefreshToken?: string) {
  const accessToken = randomToken();
  ctx.store.accessTokens.set(accessToken, { ...pick(who), expiresAt: ctx.nowMs + ctx.opts.accessTokenTtlSeconds * 1000 });
  let refreshToken = keepRefreshToken;
  if (!refreshToken) {
    refreshToken = randomToken();
    ctx.store.refreshTokens.set(refreshToken, { ...pick(who), expiresAt: ctx.nowMs + ctx.opts.refreshTokenTtlSeconds * 1000 });
  }
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ctx.opts.accessTokenTtlSeconds,
    scope: who.scope,
    refresh_token: refreshToken,
  };
}

function pick(w: Omit<TokenRecord, "expiresAt">) {
  return { tenantId: w.tenantId, clientId: w.clientId, userName: w.userName, scope: w.scope, ...(w.directory ? { directory: true as const } : {}) };
}
