/**
 * GET/POST {base}/api/v1/oauth2/authorize: the login page (or SSO: a straight 302 when the
 * emulator session cookie is valid), and its form post → 302 redirect_uri?code=…&state=…&tenant=….
 * docs/protocol/login.md#endpoints; behaviour decisions in handler.ts.
 */
import { DEFAULT_SCOPE } from "~/server/oneaccess/endpoints";
import { activeUser, checkRedirect, EMULATOR_DEFAULT_PASSWORD, type Ctx } from "./context";
import { loginPage, messagePage, OTHER_ACCOUNT } from "./html";
import { html, readSession, sameSecret, sessionCookie } from "./http";
import { randomToken } from "./store";

export async function authorize(ctx: Ctx, form: URLSearchParams | undefined): Promise<Response> {
  const q = ctx.url.searchParams;
  const clientId = q.get("client_id") ?? "";
  const redirectUri = q.get("redirect_uri") ?? "";
  const responseType = q.get("response_type") ?? "";
  const scope = q.get("scope") || DEFAULT_SCOPE;
  const state = q.get("state");

  const tenant = await ctx.db.tenant.findUnique({ where: { tenantId: ctx.tenantId } });
  if (!tenant || tenant.deletedAt) {
    return html(404, messagePage("Unknown tenant", `Tenant ${ctx.tenantId} is not synced (tenantSync) or was deleted.`));
  }
  if (!clientId) return html(400, messagePage("Invalid request", "client_id is required."));
  const app = await ctx.db.application.findFirst({ where: { tenantId: ctx.tenantId, clientId, deletedAt: null } });
  if (!app) return html(400, messagePage("Unknown client", `client_id ${clientId} is not an application of tenant ${ctx.tenantId} (applicationSync).`));
  const redirectProblem = checkRedirect(ctx, redirectUri);
  if (redirectProblem) return html(400, messagePage("Invalid redirect_uri", redirectProblem));
  if (responseType !== "code") return html(400, messagePage("Unsupported response_type", 'response_type must be "code".'));

  const issue = (userName: string, extraHeaders: Record<string, string> = {}, directory = false) => {
    const code = randomToken();
    ctx.store.codes.set(code, {
      tenantId: ctx.tenantId,
      clientId,
      redirectUri,
      userName,
      scope,
      expiresAt: ctx.nowMs + ctx.opts.codeTtlSeconds * 1000,
      ...(directory ? { directory: true } : {}),
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    if (state !== null) target.searchParams.set("state", state);
    target.searchParams.set("tenant", ctx.tenantId);
    return new Response(null, { status: 302, headers: { Location: target.toString(), "Cache-Control": "no-store", ...extraHeaders } });
  };

  if (!form) {
    // SSO: a valid emulator session for a still-enabled user skips the form (prompt=login forces it).
    const session = readSession(ctx);
    if (session && q.get("prompt") !== "login") {
      const user = await activeUser(ctx, session.userName);
      if (user) return issue(user.userName);
    }
    return renderLogin(ctx, tenant.name, 200);
  }

  const choice = form.get("userName") ?? "";
  // A name typed into "Account name" is the account meant, even when its radio was not picked:
  // the first user's radio is checked by default, and Enter in the form used to sign that user in.
  const typed = ctx.opts.directoryLogins ? (form.get("otherUserName") ?? "").trim() : "";
  const userName = (typed || (choice === OTHER_ACCOUNT ? "" : choice)).trim();
  const password = form.get("password") ?? "";
  const user = userName
    ? await ctx.db.tenantUser.findUnique({ where: { tenantId_userName: { tenantId: ctx.tenantId, userName } } })
    : null;
  const active = !!user && !user.deletedAt && user.enabled;
  if (!active && !(ctx.opts.directoryLogins && userName)) {
    if (!user || user.deletedAt) return renderLogin(ctx, tenant.name, 401, "Unknown user.", userName);
    return renderLogin(ctx, tenant.name, 403, `User ${userName} is disabled (authSync enable=false).`, userName);
  }
  if (!sameSecret(password, ctx.opts.password)) return renderLogin(ctx, tenant.name, 401, "Wrong password.", userName);
  // A directory-only account (disabled or never synced): a code, but no SSO session.
  if (!active) return issue(userName, {}, true);

  const sid = randomToken();
  ctx.store.sessions.set(sid, { tenantId: ctx.tenantId, userName, expiresAt: ctx.nowMs + ctx.opts.sessionTtlSeconds * 1000 });
  return issue(userName, { "Set-Cookie": sessionCookie(ctx, sid, ctx.opts.sessionTtlSeconds) });
}

async function renderLogin(ctx: Ctx, tenantName: string, status: number, error?: string, selected?: string): Promise<Response> {
  const LIMIT = 500;
  const rows = await ctx.db.tenantUser.findMany({
    where: { tenantId: ctx.tenantId, deletedAt: null, ...(ctx.opts.directoryLogins ? {} : { enabled: true }) },
    orderBy: [{ enabled: "desc" }, { userName: "asc" }],
    take: LIMIT + 1,
    select: { userName: true, name: true, role: true, enabled: true },
  });
  const passwordHint = ctx.opts.password === EMULATOR_DEFAULT_PASSWORD ? `emulator password: ${EMULATOR_DEFAULT_PASSWORD}` : "the EMULATOR_PASSWORD";
  return html(
    status,
    loginPage({
      tenantName,
      tenantId: ctx.tenantId,
      action: ctx.url.pathname + ctx.url.search,
      users: rows.slice(0, LIMIT).map((r) => ({ userName: r.userName, name: r.name, role: r.role, disabled: !r.enabled })),
      truncated: rows.length > LIMIT,
      selected: selected && ctx.opts.directoryLogins && !rows.some((r) => r.userName === selected) ? OTHER_ACCOUNT : selected,
      error,
      passwordHint,
      allowOther: ctx.opts.directoryLogins,
    }),
  );
}
