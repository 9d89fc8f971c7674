import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { mayGrantAdminConsent } from '../directory-roles.js';
import { readBody } from '../read-body.js';
import type { UserRecord } from '../store/directory-store.js';
import { ENTRA_ERRORS, forRedirect, newTrace, type EntraError } from './entra-errors.js';
import type { IdentityProviderOptions } from './identity-provider.js';
import { consentPage, loginPage, mfaPage, needsAdminPage, problemPage, sendPage } from './pages.js';
import { describeScope } from './scopes.js';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
}

/** The Graph scopes this interaction asks for that the user may not use yet. */
function missingGraphScopes(details: Details, audience: string): string[] {
  const missing = (details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>;
  return missing[audience] ?? [];
}

/** Why the user returns to the app without finishing: each is the error Entra answers for it. */
const ABORT_REASONS = ['cancel', 'admin', 'not_assigned', 'blocked', 'mfa'] as const;
type AbortReason = (typeof ABORT_REASONS)[number];

/**
 * The provider's own pages: login (with one-click demo accounts); Entra's checks after the
 * password (not assigned, blocked by Conditional Access, multi-factor authentication);
 * consent as Entra decides it, and "Need admin approval"; each way back to the app
 * carries Entra's error.
 *
 * Consent: a user may consent, for themselves, only to permissions that need no
 * administrator, and only while the tenant lets users consent at all. The four roles that
 * may grant administrator consent (directory-roles.ts) consent to anything, for
 * themselves or, with "Consent on behalf of your organization" ticked, for everyone.
 */
export function createInteractionRoutes({
  provider,
  options,
}: {
  provider: Provider;
  options: IdentityProviderOptions;
}) {
  const { directory, consents, audience, client, policy } = options;
  const mountPath = new URL(options.issuer).pathname;
  const application = { id: client.id, name: client.name };
  const page = (res: ServerResponse, html: string, status = 200) =>
    sendPage(res, html, options.appOrigin, status);
  const traceOf = (details: Details) => newTrace(details.params['client-request-id'] as string);

  function renderLogin(
    res: ServerResponse,
    uid: string,
    status = 200,
    email?: string,
    error?: string,
  ) {
    page(
      res,
      loginPage({
        action: `${mountPath}/interaction/${uid}/login`,
        email,
        error,
        demoAccounts: options.demoAccounts,
        demoPassword: options.demoPassword,
        clientName: client.name,
      }),
      status,
    );
  }

  const problemDetails = (error: EntraError, details: Details) => ({
    description: `AADSTS${error.code}: ${error.message}`,
    ...traceOf(details),
  });

  /** May this user consent to these scopes for themselves? */
  const userMayConsent = (scopes: string[]) =>
    policy.userConsentAllowed && scopes.every((scope) => !describeScope(scope).adminOnly);

  /** Entra's checks after the password: the page for the first that fails. */
  function renderEntraCheck(res: ServerResponse, details: Details, record: UserRecord) {
    const base = `${mountPath}/interaction/${details.uid}`;
    const reason = details.prompt.reasons[0];
    if (reason === 'not_assigned') {
      const error = ENTRA_ERRORS.notAssigned(application, record.user.userPrincipalName);
      page(
        res,
        problemPage({
          heading: "Sorry, but we're having trouble signing you in",
          explanation: `AADSTS${error.code}: ${error.message}`,
          details: problemDetails(error, details),
          back: `${base}/abort?reason=not_assigned`,
        }),
      );
      return;
    }
    if (reason === 'blocked_by_policy') {
      const error = ENTRA_ERRORS.blockedByConditionalAccess();
      page(
        res,
        problemPage({
          heading: 'You cannot access this right now',
          explanation:
            'Your sign-in was successful but does not meet the criteria to access this resource. For example, you might be signing in from a browser, app or location that is restricted by your admin.',
          details: problemDetails(error, details),
          back: `${base}/abort?reason=blocked`,
        }),
      );
      return;
    }
    page(
      res,
      mfaPage({
        action: `${base}/mfa`,
        cancel: `${base}/abort?reason=mfa`,
        userName: record.user.displayName,
        register: policy.mfaFor(record.user.id) === 'register',
      }),
    );
    return;
  }

  async function renderConsent(req: IncomingMessage, res: ServerResponse, details: Details) {
    const accountId = details.session?.accountId;
    const record = accountId ? directory.find(accountId) : undefined;
    if (!record) {
      renderLogin(res, details.uid);
      return;
    }
    const missing = missingGraphScopes(details, audience);
    if (missing.length === 0) return finishConsent(req, res, details, false);
    const scopes = missing.map(describeScope);
    const base = `${mountPath}/interaction/${details.uid}`;
    const administrator = mayGrantAdminConsent(record.roles);
    if (!administrator && !userMayConsent(missing)) {
      page(
        res,
        needsAdminPage({
          back: `${base}/abort?reason=admin`,
          userName: record.user.displayName,
          clientName: client.name,
          scopes,
          userConsentDisabled: !policy.userConsentAllowed,
          details: problemDetails(ENTRA_ERRORS.adminApprovalRequired(), details),
        }),
      );
      return;
    }
    page(
      res,
      consentPage({
        action: `${base}/confirm`,
        cancel: `${base}/abort?reason=cancel`,
        userName: record.user.displayName,
        clientName: client.name,
        scopes,
        onBehalfOfOrganization: administrator,
      }),
    );
  }

  async function finishConsent(
    req: IncomingMessage,
    res: ServerResponse,
    details: Details,
    forOrganization: boolean,
  ) {
    const accountId = details.session?.accountId;
    const record = accountId ? directory.find(accountId) : undefined;
    const requested = missingGraphScopes(details, audience);
    // Checked again here: the page is only a view, this is the decision.
    const administrator = record ? mayGrantAdminConsent(record.roles) : false;
    if (
      !accountId ||
      !record ||
      (requested.length > 0 && !administrator && !userMayConsent(requested)) ||
      (forOrganization && !administrator)
    ) {
      return provider.interactionFinished(
        req,
        res,
        forRedirect(ENTRA_ERRORS.adminApprovalRequired()),
        { mergeWithLastSubmission: false },
      );
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: details.params.client_id as string });
    if (!grant) throw new Error('grant not found');
    const missingOidc = (details.prompt.details.missingOIDCScope ?? []) as string[];
    if (missingOidc.length) grant.addOIDCScope(missingOidc.join(' '));
    const missingClaims = (details.prompt.details.missingOIDCClaims ?? []) as string[];
    if (missingClaims.length) grant.addOIDCClaims(missingClaims);
    if (requested.length) grant.addResourceScope(audience, requested.join(' '));
    const grantId = await grant.save();
    if (forOrganization) consents.grantForOrganization(client.id, requested);
    else consents.grant(accountId, client.id, requested);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  function abortError(reason: AbortReason, record: UserRecord | undefined): EntraError {
    switch (reason) {
      case 'cancel':
        return ENTRA_ERRORS.consentDeclined();
      case 'admin':
        return ENTRA_ERRORS.adminApprovalRequired();
      case 'not_assigned':
        return ENTRA_ERRORS.notAssigned(application, record?.user.userPrincipalName ?? '');
      case 'blocked':
        return ENTRA_ERRORS.blockedByConditionalAccess();
      case 'mfa':
        return ENTRA_ERRORS.mfaNotCompleted();
    }
  }

  return async function handleInteraction(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://idp.local');
    const [, , uid, action] = url.pathname.split('/');
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const record = details.session?.accountId
      ? directory.find(details.session.accountId)
      : undefined;

    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login') {
        renderLogin(res, uid, 200, details.params.login_hint as string | undefined);
        return;
      }
      if (details.prompt.name === 'entra' && record) {
        renderEntraCheck(res, details, record);
        return;
      }
      return renderConsent(req, res, details);
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      if (!email || !password) {
        renderLogin(res, uid, 400, email, 'Enter your email and your password.');
        return;
      }
      const result = directory.verifyPassword(email, password);
      if (!result.ok) {
        const message =
          result.reason === 'unknownUser'
            ? `We couldn't find an account for ${email}. Check the address, or pick a demo account below.`
            : 'Your password is incorrect. Check it and try again.';
        renderLogin(res, uid, 401, email, message);
        return;
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: result.record.user.id, amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
    }
    if (req.method === 'POST' && action === 'mfa' && record) {
      await readForm(req);
      if (policy.mfaFor(record.user.id) === 'register') policy.markMfaRegistered(record.user.id);
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: record.user.id, amr: ['pwd', 'mfa'] } },
        { mergeWithLastSubmission: true },
      );
    }
    if (req.method === 'POST' && action === 'confirm') {
      const form = await readForm(req);
      return finishConsent(req, res, details, form.get('organization') === 'on');
    }
    if (req.method === 'GET' && action === 'abort') {
      const reason = url.searchParams.get('reason') as AbortReason;
      const error = abortError(ABORT_REASONS.includes(reason) ? reason : 'cancel', record);
      return provider.interactionFinished(req, res, forRedirect(error), {
        mergeWithLastSubmission: false,
      });
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  };
}
