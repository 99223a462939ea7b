/** The emulator's two tiny HTML pages (login form, message). No scripts, no external assets. */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.25rem}.banner{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;border-radius:6px;font-size:.875rem}
.error{background:#ffebe9;border:1px solid #cf222e;padding:.5rem .75rem;border-radius:6px}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0}label{display:block;margin:.25rem 0}
input[type=password]{width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.25rem}
small{color:#59636e}`;

export const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
} as const;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<p class="banner">OneAccess <strong>emulator</strong> — a local development stand-in for the tenant's Huawei OneAccess. Never enable it in production.</p>
${body}</body></html>`;
}

export interface LoginUser {
  userName: string;
  name: string;
  role: string;
  /** authSync enable=false: listed only with `allowOther` (the app must refuse them). */
  disabled?: boolean;
}

/** Radio value of the free-text "another OneAccess account" choice. */
export const OTHER_ACCOUNT = "__other__";

export interface LoginPageInput {
  tenantName: string;
  tenantId: string;
  /** Form action: the authorize URL including its query (the OAuth parameters stay there). */
  action: string;
  users: LoginUser[];
  /** More enabled users exist than are listed. */
  truncated: boolean;
  selected?: string;
  error?: string;
  passwordHint: string;
  /**
   * Also offer accounts the app must refuse (directory logins): disabled users, and a free-text
   * account that exists in OneAccess but was never synced to the app.
   */
  allowOther?: boolean;
}

export function loginPage(p: LoginPageInput): string {
  const list = p.users.length
    ? p.users
        .map((u, i) => {
          const checked = p.selected ? p.selected === u.userName : i === 0;
          const id = `u${i}`;
          const note = u.disabled ? `${escapeHtml(u.role)}, disabled for this app` : escapeHtml(u.role);
          return `<label for="${id}"><input type="radio" id="${id}" name="userName" value="${escapeHtml(u.userName)}"${checked ? " checked" : ""}> ${escapeHtml(u.userName)} — ${escapeHtml(u.name)} <small>(${note})</small></label>`;
        })
        .join("\n")
    : `<p>No enabled users are synced for this tenant. Send an authSync first.</p>`;
  const other = p.allowOther
    ? `<label for="uother"><input type="radio" id="uother" name="userName" value="${OTHER_ACCOUNT}"${p.selected === OTHER_ACCOUNT || (!p.users.length && !p.selected) ? " checked" : ""}> Another OneAccess account, not synced to this app</label>
<label for="otherUserName">Account name <input type="text" id="otherUserName" name="otherUserName" autocomplete="off"></label>`
    : "";
  const canSubmit = p.users.length > 0 || !!p.allowOther;
  return page(
    "Sign in — OneAccess emulator",
    `<h1>Sign in to ${escapeHtml(p.tenantName)}</h1>
<p><small>Tenant ${escapeHtml(p.tenantId)}</small></p>
${p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : ""}
<form method="post" action="${escapeHtml(p.action)}">
<fieldset><legend>联营账号 (${p.allowOther ? "synced users, and accounts the app must refuse" : "synced, enabled users"})</legend>
${list}
${p.truncated ? `<p><small>Only the first ${p.users.length} users are listed.</small></p>` : ""}
${other}
</fieldset>
<label for="password">Password <small>(${escapeHtml(p.passwordHint)})</small></label>
<input type="password" id="password" name="password" autocomplete="off" required>
<button type="submit"${canSubmit ? "" : " disabled"}>Sign in</button>
</form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
