import type { ServerResponse } from 'node:http';

/** HTML for the local identity provider's pages: plain, accessible, no external assets. */

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
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
.check{display:flex;gap:8px;align-items:center;margin-top:16px}.check input{width:auto}.check label{margin:0}
.details{margin-top:24px;padding-top:12px;border-top:1px solid var(--border)}.details h2{font-size:14px;margin:0 0 4px}
.details dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0;font-size:12px}.details dt{font-weight:600}.details dd{margin:0;overflow-wrap:anywhere}
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

function scopeList(scopes: ScopeDescription[]): string {
  const items = scopes
    .map(
      ({ scope, description }) =>
        `<li><strong>${escapeHtml(description)}</strong><br><span class="muted">${escapeHtml(scope)}</span></li>`,
    )
    .join('');
  return `<ul class="scopes">${items}</ul>`;
}

/** Troubleshooting details as Entra lists them under an error: the code and the ids to quote. */
export interface ProblemDetails {
  /** "AADSTS50105: …" */
  description: string;
  traceId: string;
  correlationId: string;
  timestamp: string;
}

function troubleshooting(details: ProblemDetails): string {
  return `<section aria-labelledby="details-heading" class="details"><h2 id="details-heading">Troubleshooting details</h2>
<p>If you contact your administrator, send this info to them.</p>
<dl><dt>Error</dt><dd>${escapeHtml(details.description)}</dd><dt>Request Id</dt><dd>${escapeHtml(details.traceId)}</dd>
<dt>Correlation Id</dt><dd>${escapeHtml(details.correlationId)}</dd><dt>Timestamp</dt><dd>${escapeHtml(details.timestamp)}</dd></dl></section>`;
}

/**
 * The consent prompt. An administrator who may grant consent for everyone also gets
 * Entra's "Consent on behalf of your organization" box; unticked, the consent is theirs alone.
 */
export function consentPage(options: {
  action: string;
  cancel: string;
  userName: string;
  clientName: string;
  scopes: ScopeDescription[];
  onBehalfOfOrganization: boolean;
}): string {
  const organization = options.onBehalfOfOrganization
    ? `<p class="check"><input type="checkbox" id="organization" name="organization" value="on" aria-describedby="organization-hint"><label for="organization">Consent on behalf of your organization</label></p>
<p class="muted" id="organization-hint">If you tick this, the app gets these permissions for everyone in your organization, and no one else is asked.</p>`
    : '';
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p>${escapeHtml(options.clientName)} would like to, for <strong>${escapeHtml(options.userName)}</strong>:</p>${scopeList(options.scopes)}
<p class="muted">Accepting lets the app do this until you remove its access. You are asked once.</p>
<form method="post" action="${escapeHtml(options.action)}">${organization}<div class="actions">
<a class="button" href="${escapeHtml(options.cancel)}">Cancel</a><button class="primary" type="submit" autofocus>Accept</button></div></form>`,
  );
}

/** Entra's "Need admin approval": the user may not consent to these; an administrator must. */
export function needsAdminPage(options: {
  back: string;
  /** A way to sign in as someone else (the administrator-consent endpoint offers one). */
  switchAccount?: string;
  userName: string;
  clientName: string;
  scopes: ScopeDescription[];
  userConsentDisabled: boolean;
  details: ProblemDetails;
}): string {
  const why = options.userConsentDisabled
    ? 'Your organization does not let users consent to apps: an administrator must grant these permissions.'
    : `${options.userName} does not hold a role that may grant these permissions.`;
  return page(
    'Need admin approval',
    `<h1>Need admin approval</h1>
<p>${escapeHtml(options.clientName)} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
${scopeList(options.scopes)}
<p>${escapeHtml(why)}</p>
${options.switchAccount ? `<p><a href="${escapeHtml(options.switchAccount)}">Have an admin account? Sign in with that account</a></p>` : ''}
<div class="actions"><a class="button primary" href="${escapeHtml(options.back)}" autofocus>Return to the application without granting consent</a></div>
${troubleshooting(options.details)}`,
  );
}

/**
 * A sign-in Entra refuses after the password: not assigned to the application, blocked by
 * Conditional Access, or an application the tenant does not know. Entra ends on its own
 * page; the local one also offers the way back to the app, carrying the same error.
 */
export function problemPage(options: {
  heading: string;
  explanation: string;
  details: ProblemDetails;
  back?: string;
}): string {
  const actions = options.back
    ? `<a class="button primary" href="${escapeHtml(options.back)}" autofocus>Back to the application</a>`
    : '';
  return page(
    options.heading,
    `<h1>${escapeHtml(options.heading)}</h1><p class="alert" role="alert">${escapeHtml(options.explanation)}</p>
${actions ? `<div class="actions">${actions}</div>` : ''}
${troubleshooting(options.details)}`,
  );
}

/** The second factor. Local use only: the button stands in for the Authenticator app. */
export function mfaPage(options: {
  action: string;
  cancel: string;
  userName: string;
  register: boolean;
}): string {
  if (options.register) {
    return page(
      'More information required',
      `<h1>More information required</h1>
<p>Your organization needs more information to keep <strong>${escapeHtml(options.userName)}</strong>'s account secure: a multi-factor authentication method.</p>
<p class="muted">Local use only: Next registers a stand-in authenticator and approves this sign-in with it.</p>
<form method="post" action="${escapeHtml(options.action)}"><div class="actions">
<a class="button" href="${escapeHtml(options.cancel)}">Cancel</a><button class="primary" type="submit" autofocus>Next</button></div></form>`,
    );
  }
  return page(
    'Approve sign-in request',
    `<h1>Approve sign-in request</h1>
<p>Your organization requires multi-factor authentication for <strong>${escapeHtml(options.userName)}</strong>.</p>
<p class="muted">Local use only: Approve stands in for the Authenticator app on your phone.</p>
<form method="post" action="${escapeHtml(options.action)}"><div class="actions">
<a class="button" href="${escapeHtml(options.cancel)}">I can't verify right now</a><button class="primary" type="submit" autofocus>Approve</button></div></form>`,
  );
}

/** The administrator-consent prompt of `/adminconsent`: always for the whole organization. */
export function adminConsentPage(options: {
  action: string;
  cancel: string;
  switchAccount: string;
  userName: string;
  userPrincipalName: string;
  clientName: string;
  scopes: ScopeDescription[];
}): string {
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1><p class="muted">Accept for your organization</p>
<p>Signed in as <strong>${escapeHtml(options.userName)}</strong> (${escapeHtml(options.userPrincipalName)}). <a href="${escapeHtml(options.switchAccount)}">Use another account</a></p>
<p>${escapeHtml(options.clientName)} would like to:</p>${scopeList(options.scopes)}
<p>If you accept, this app will get access to the specified resources for all users in your organization. No one else will be prompted to review these permissions.</p>
<form method="post" action="${escapeHtml(options.action)}"><div class="actions">
<a class="button" href="${escapeHtml(options.cancel)}">Cancel</a><button class="primary" type="submit" autofocus>Accept</button></div></form>`,
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

/** oidc-provider's own errors that cannot go back to the app (a bad request, an unknown interaction). */
export function errorPage(
  details: Record<string, unknown>,
  trace: { traceId: string; correlationId: string; timestamp: string },
  appUrl: string,
): string {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const error = text(details.error);
  const description = text(details.error_description) ?? error ?? 'Something went wrong.';
  return page(
    'Sign-in problem',
    `<h1>Sign-in problem</h1><p class="alert" role="alert">${escapeHtml(description)}</p>
<p class="muted">Error code: ${escapeHtml(error ?? 'unknown')}</p>
<div class="actions"><a class="button primary" href="${escapeHtml(appUrl)}">Back to Profile Editor</a></div>
${troubleshooting({ description, ...trace })}`,
  );
}

/** Sends one of the provider's pages: no script, not frameable; forms may lead back to the app's origin. */
export function sendPage(res: ServerResponse, html: string, appOrigin: string, status = 200): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // Browsers check `form-action` along redirects too, so the app's origin (another
    // origin, as with Entra) must be allowed.
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${appOrigin}; frame-ancestors 'none'; base-uri 'none'`,
  });
  res.end(html);
}
