/**
 * A 联营账号 sign-in driven the way next-auth drives the OneAccess callback (token → userinfo →
 * profile → signIn → jwt, with the per-request options the route builds), and the per-request
 * path of a session cookie afterwards (jwt callback → session callback, what getServerSession
 * does), for integration tests.
 */
import assert from "node:assert/strict";
import type { Account, Profile, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { PrismaClient } from "~/generated/prisma/client";
import { authOptions } from "~/server/auth/config";
import { callbackAuthOptions, newCallbackContext } from "~/server/auth/oneaccess-provider";
import { resolveTenantLogin, type OneAccessUserInfo } from "~/server/oneaccess";
import { LOGIN_APP_ID, type Emulator, type SyncedTenant } from "./oneaccess";

export type SignInResult = { ok: true; token: JWT; sid: string } | { ok: false; refused: string };

/** One OneAccess callback, in next-auth's order, with the options the route would build. */
export async function signInCustomer(prisma: PrismaClient, em: Emulator, t: SyncedTenant, code: string, nowMs = Date.now(), callbackTenant = t.tenantId): Promise<SignInResult> {
  const login = await resolveTenantLogin(prisma, callbackTenant, { appId: LOGIN_APP_ID });
  assert.ok(login.ok, !login.ok ? login.message : "");
  const ctx = newCallbackContext({ tenantId: callbackTenant, login, fetch: em.fetch, requireGrantFor: LOGIN_APP_ID, now: () => nowMs });
  const options = callbackAuthOptions(ctx, prisma, { log: () => {} });
  const provider = options.providers[0] as OAuthConfig<OneAccessUserInfo>;
  const tokenEndpoint = provider.token as { request: (c: { params: { code: string } }) => Promise<{ tokens: Record<string, string> }> };
  const userinfoEndpoint = provider.userinfo as { request: (c: { tokens: Record<string, string> }) => Promise<OneAccessUserInfo> };
  const { tokens } = await tokenEndpoint.request({ params: { code } });
  const info = await userinfoEndpoint.request({ tokens });
  const user = await provider.profile(info, tokens as never);
  const account: Account = { provider: "oneaccess", type: "oauth", providerAccountId: user.id, ...tokens };
  const allowed = await options.callbacks!.signIn!({ user, account, profile: info as unknown as Profile });
  if (allowed !== true) return { ok: false, refused: String(allowed) };
  const token = (await options.callbacks!.jwt!({ token: { sub: user.id }, user, account })) as JWT;
  return { ok: true, token, sid: ctx.outcome.sessionId! };
}

/** What a request carrying this (decoded) session cookie gets as its session: the app's static options. */
export async function sessionOfRequest(token: JWT): Promise<Session> {
  const next = (await authOptions.callbacks!.jwt!({ token, user: undefined as never, account: null })) as JWT;
  const sessionCb = authOptions.callbacks!.session! as (p: { session: Session; token: JWT }) => Promise<Session> | Session;
  return sessionCb({ session: { expires: new Date(Date.now() + 3600_000).toISOString() }, token: next });
}
