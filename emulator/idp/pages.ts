/** HTML for the local identity provider's pages: plain, accessible, no external assets. */

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const STYLE = `
:root{color-scheme:light dark;--bg:#f5f5f5;--card:#fff;--text:#242424;--muted:#616161;--brand:#0f6cbd;--brand-hover:#115ea3;--border:#d1d1d1;--error:#b10e1c;--error-bg:#fdf3f4}
@media (prefers-color-scheme:dark){:root{--bg:#1f1f1f;--card:#292929;--text:#fff;--muted:#d6d6d6;--brand:#479ef5;--brand-hover:#62abf5;--border:#666;--error:#dc626d;--error-bg:#3f1011}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--text);font:14px/1.45 "Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}
main{width:min(440px,100vw - 24px);background:var(--card);padding:32px;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.14)}
h1{font-size:24px;font-weight:600;margin:0 0 4px}p{margin:8px 0}.muted{color:var(--muted)}
label{display:block;font-weight:600;margin:16px 0 4px}input{width:100%;padding:8px 10px;font:inherit;color:var(--text);background:var(--card);border:1px solid var(--border);border-bottom-color:var(--muted);border-radius:4px}
input:focus-visible,button:focus-visible,a:focus-visible{outline:2px solid var(--text);outline-offset:2px}
button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:32px;padding:6px 16px;font:inherit;font-weight:600;border-radius:4px;border:1px solid var(--border);background:var(--card);color:var(--text);cursor:pointer;text-decoration:none}
.primary{background:var(--brand);border-color:var(--brand);color:#fff}.primary:hover{background:var(--brand-hover)}
@media (prefers-color-scheme:dark){.primary{color:#000}}
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px;flex-wrap:wrap}
.alert{margin:16px 0 0;padding:8px 12px;border-radius:4px;background:var(--error-bg);color:var(--error);border:1px solid var(--error)}
ul.scopes{padding-left:20px}ul.scopes li{margin:6px 0}
.demo{margin-top:28px;padding-top:16px;border-top:1px solid var(--border)}.demo ul{list-style:none;padding:0;margin:8px 0 0;display:grid;gap:8px}
.demo button{width:100%;justify-content:space-between;font-weight:400}.demo small{color:var(--muted)}
`;

export function page(title: string, body: string, extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Contoso (local)</title><style>${STYLE}</style>${extraHead}</head><body><main>${body}</main></body></html>`;
}

export interface DemoAccount {
  displayName: string;
  upn: string;
  description: string;
}

export function loginPage(options: {
  action: string;
  email?: string;
  error?: string;
  demoAccounts: DemoAccount[];
  demoPassword: string;
  clientName: string;
}): string {
  const { action, email = '', error, demoAccounts, demoPassword, clientName } = options;
  const demo = demoAccounts
    .map(
      (account) => `<li><form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="email" value="${escapeHtml(account.upn)}"><input type="hidden" name="password" value="${escapeHtml(demoPassword)}">
<button type="submit" aria-label="Sign in as ${escapeHtml(account.displayName)}"><span>${escapeHtml(account.displayName)}</span><small>${escapeHtml(account.description)}</small></button></form></li>`,
    )
    .join('');
  return page(
    'Sign in',
    `<h1>Sign in</h1><p class="muted">to continue to ${escapeHtml(clientName)}</p>
${error ? `<p class="alert" role="alert" id="login-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" novalidate>
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}" ${email ? '' : 'autofocus'} ${error ? 'aria-describedby="login-error"' : ''}>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required ${email ? 'autofocus' : ''}>
<div class="actions"><button class="primary" type="submit">Sign in</button></div></form>
<section class="demo" aria-labelledby="demo-heading"><h2 id="demo-heading" style="font-size:16px;margin:0">Demo accounts</h2>
<p class="muted">Local use only: one click signs in with the demo password <code>${escapeHtml(demoPassword)}</code>.</p><ul>${demo}</ul></section>`,
  );
}

export interface ScopeDescription {
  scope: string;
  description: string;
}

export function consentPage(options: {
  action: string;
  cancel: string;
  userName: string;
  clientName: string;
  scopes: ScopeDescription[];
}): string {
  const items = options.scopes
    .map(
      ({ scope, description }) =>
        `<li><strong>${escapeHtml(description)}</strong><br><span class="muted">${escapeHtml(scope)}</span></li>`,
    )
    .join('');
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p>${escapeHtml(options.clientName)} would like to, for <strong>${escapeHtml(options.userName)}</strong>:</p><ul class="scopes">${items}</ul>
<p class="muted">Accepting lets the app do this until you remove its access. You are asked once.</p>
<form method="post" action="${escapeHtml(options.action)}"><div class="actions">
<a class="button" href="${escapeHtml(options.cancel)}">Cancel</a><button class="primary" type="submit" autofocus>Accept</button></div></form>`,
  );
}

export function needsAdminPage(options: {
  back: string;
  userName: string;
  clientName: string;
  scopes: ScopeDescription[];
}): string {
  const items = options.scopes
    .map(
      ({ scope, description }) =>
        `<li><strong>${escapeHtml(description)}</strong><br><span class="muted">${escapeHtml(scope)}</span></li>`,
    )
    .join('');
  return page(
    'Need admin approval',
    `<h1>Need admin approval</h1>
<p>${escapeHtml(options.clientName)} needs permission to access resources in your organization that only an administrator can grant:</p>
<ul class="scopes">${items}</ul>
<p>${escapeHtml(options.userName)} does not hold an administrator role. Ask an administrator to grant permission to this app before you can use it for this.</p>
<div class="actions"><a class="button primary" href="${escapeHtml(options.back)}" autofocus>Return to the application without granting consent</a></div>`,
  );
}

export function logoutPage(form: string): string {
  // The provider's own confirmation form, submitted at once: signing out in the app means it.
  return page(
    'Signing out',
    `<h1>Signing out…</h1>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><div class="actions"><button class="primary" type="submit" form="op.logoutForm">Sign out</button></div></noscript>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function signedOutPage(appUrl: string): string {
  return page(
    'Signed out',
    `<h1>You're signed out</h1><p>You can close this window, or go back to the app.</p>
<div class="actions"><a class="button primary" href="${escapeHtml(appUrl)}">Back to Profile Editor</a></div>`,
  );
}

export function errorPage(details: Record<string, unknown>, appUrl: string): string {
  const description = String(details.error_description ?? details.error ?? 'Something went wrong.');
  return page(
    'Sign-in problem',
    `<h1>Sign-in problem</h1><p class="alert" role="alert">${escapeHtml(description)}</p>
<p class="muted">Error code: ${escapeHtml(String(details.error ?? 'unknown'))}</p>
<div class="actions"><a class="button primary" href="${escapeHtml(appUrl)}">Back to Profile Editor</a></div>`,
  );
}
