import type { ContinuousAccessEvaluation } from './graph/claims-challenge.js';
import type { IdentityPolicy } from './idp/identity-policy.js';
import { normalizeScope, orderedGraphScopes } from './idp/scopes.js';
import type { ConsentStore } from './store/consent-store.js';
import { DEMO_USER_IDS } from './store/demo-directory.js';
import type { DirectoryStore } from './store/directory-store.js';

export interface ControlAnswer {
  status: number;
  body?: unknown;
}

/**
 * The `/_emulator` controls for Entra's side of the local world (README, "What the local
 * sign-in reproduces of Entra"):
 *
 *   GET/POST /identity          the tenant's sign-in policy: {"userConsent": "disabled",
 *                               "notAssigned": ["alex"], "requireMfa": ["adele"],
 *                               "requireMfaRegistration": [], "blockByPolicy": ["lee"],
 *                               "unknownClient": false}; a POST changes the fields it names
 *   GET/POST/DELETE /consents   who consented to what; POST {"organization": ["User.ReadWrite.All"]}
 *                               grants for the whole organisation as an administrator would;
 *                               DELETE forgets every consent (and the grants built on them)
 *   GET/POST/DELETE /claims-challenge
 *                               Graph's Continuous Access Evaluation: POST {"users": ["adele"]}
 *                               revokes their tokens issued until now, {"nextRequests": 2}
 *                               challenges the next two requests; DELETE ends both
 *
 * Users are named by demo persona, user principal name or object id. A bad body gets 400
 * and changes nothing. `POST /_emulator/reset` returns all of it to the start-up state.
 */
export function createEntraControls(deps: {
  policy: IdentityPolicy;
  consents: ConsentStore;
  continuousAccess: ContinuousAccessEvaluation;
  directory: DirectoryStore;
  clientId: string;
  audience: string;
  /** Forgets the provider's grants and refresh tokens, which carry consented scopes. */
  forgetGrants: () => void;
}) {
  const { policy, consents, continuousAccess, directory, clientId } = deps;

  function userIds(input: unknown, setting: string): string[] {
    if (!Array.isArray(input)) throw new Error(`'${setting}' must be a list of users.`);
    return input.map((name) => {
      const key = typeof name === 'string' ? name.trim() : '';
      const personaId = (DEMO_USER_IDS as Record<string, string | undefined>)[key.toLowerCase()];
      const record = key ? directory.find(personaId ?? key) : undefined;
      if (!record)
        throw new Error(`'${setting}' names ${JSON.stringify(name)}, who is not in the directory.`);
      return record.user.id;
    });
  }

  function consentsView() {
    const { organization, users } = consents.all(clientId);
    return {
      organization,
      users: Object.fromEntries(
        Object.entries(users).map(([id, scopes]) => [
          directory.find(id)?.user.userPrincipalName ?? id,
          scopes,
        ]),
      ),
    };
  }

  const asObject = (input: unknown): Record<string, unknown> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new Error('The body must be a JSON object.');
    return input as Record<string, unknown>;
  };

  /** Answers a control path it owns, or undefined for any other path. */
  return async function handleEntraControl(
    path: string,
    method: string,
    readJson: () => Promise<unknown>,
  ): Promise<ControlAnswer | undefined> {
    if (path !== '/identity' && path !== '/consents' && path !== '/claims-challenge')
      return undefined;
    if (method === 'GET') {
      if (path === '/identity') return { status: 200, body: policy.view() };
      if (path === '/consents') return { status: 200, body: consentsView() };
      return { status: 200, body: continuousAccess.view() };
    }
    if (method === 'DELETE' && path === '/consents') {
      consents.forgetAll();
      deps.forgetGrants();
      return { status: 204 };
    }
    if (method === 'DELETE' && path === '/claims-challenge') {
      continuousAccess.reset();
      return { status: 204 };
    }
    if (method !== 'POST')
      return { status: 405, body: { error: `${method} is not supported on ${path}.` } };
    let input: Record<string, unknown>;
    try {
      input = asObject(await readJson());
    } catch (error) {
      return {
        status: 400,
        body: {
          error:
            error instanceof SyntaxError ? 'The body is not valid JSON.' : (error as Error).message,
        },
      };
    }
    try {
      if (path === '/identity') {
        policy.update(input);
        return { status: 200, body: policy.view() };
      }
      if (path === '/consents') {
        for (const name of Object.keys(input))
          if (name !== 'organization')
            throw new Error(`Unknown field '${name}'; known: organization.`);
        if (!Array.isArray(input.organization) || input.organization.length === 0)
          throw new Error("'organization' must be a non-empty list of Graph permissions.");
        const scopes = input.organization.map((raw) => {
          const scope = typeof raw === 'string' ? normalizeScope(raw, deps.audience) : undefined;
          if (!scope || scope === '.default' || !orderedGraphScopes([scope]).length)
            throw new Error(`${JSON.stringify(raw)} is not a Graph permission the provider knows.`);
          return scope;
        });
        consents.grantForOrganization(clientId, scopes);
        return { status: 200, body: consentsView() };
      }
      // /claims-challenge
      for (const name of Object.keys(input))
        if (name !== 'users' && name !== 'nextRequests')
          throw new Error(`Unknown field '${name}'; known: users, nextRequests.`);
      if (input.users === undefined && input.nextRequests === undefined)
        throw new Error("Name 'users' (a revocation event for them) or 'nextRequests' (a count).");
      const users = input.users === undefined ? [] : userIds(input.users, 'users');
      const count = input.nextRequests;
      if (
        count !== undefined &&
        (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1000)
      )
        throw new Error("'nextRequests' must be a whole number from 0 to 1000.");
      if (typeof count === 'number') continuousAccess.challengeNext(count);
      if (users.length) await continuousAccess.revoke(users);
      return { status: 200, body: continuousAccess.view() };
    } catch (error) {
      return { status: 400, body: { error: (error as Error).message } };
    }
  };
}
