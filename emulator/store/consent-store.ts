import type { Db } from './database.js';

/**
 * The row that holds a grant for the whole organisation. Entra calls such a grant
 * consentType "AllPrincipals"; it is kept beside the per-user rows (which hold object
 * ids, never this name), so that everything that forgets consents forgets it too.
 */
const ALL_PRINCIPALS = 'AllPrincipals';

/**
 * Scopes consented for each client, remembered across sessions: by each user for
 * themselves, and by an administrator for the whole organisation.
 */
export class ConsentStore {
  constructor(private readonly db: Db) {}

  private read(principal: string, clientId: string): Set<string> {
    const row = this.db
      .prepare('SELECT scopes FROM consents WHERE user_id = ? AND client_id = ?')
      .get(principal, clientId) as { scopes: string } | undefined;
    return new Set(row ? row.scopes.split(' ').filter(Boolean) : []);
  }

  private add(principal: string, clientId: string, scopes: Iterable<string>): void {
    const merged = this.read(principal, clientId);
    for (const scope of scopes) merged.add(scope);
    this.db
      .prepare(
        'INSERT INTO consents (user_id, client_id, scopes) VALUES (?, ?, ?) ON CONFLICT(user_id, client_id) DO UPDATE SET scopes = excluded.scopes',
      )
      .run(principal, clientId, [...merged].sort().join(' '));
  }

  /** What the user consented to for themselves. */
  scopesFor(userId: string, clientId: string): Set<string> {
    return this.read(userId, clientId);
  }

  /** What an administrator granted for everyone in the organisation. */
  organizationScopes(clientId: string): Set<string> {
    return this.read(ALL_PRINCIPALS, clientId);
  }

  /** Everything the user's tokens may carry: their own consents and the organisation's. */
  effectiveScopes(userId: string, clientId: string): Set<string> {
    return new Set([...this.scopesFor(userId, clientId), ...this.organizationScopes(clientId)]);
  }

  grant(userId: string, clientId: string, scopes: Iterable<string>): void {
    this.add(userId, clientId, scopes);
  }

  grantForOrganization(clientId: string, scopes: Iterable<string>): void {
    this.add(ALL_PRINCIPALS, clientId, scopes);
  }

  /** Every grant, the organisation's apart, for `GET /_emulator/consents`. */
  all(clientId: string): { organization: string[]; users: Record<string, string[]> } {
    const rows = this.db
      .prepare('SELECT user_id, scopes FROM consents WHERE client_id = ? ORDER BY user_id')
      .all(clientId) as { user_id: string; scopes: string }[];
    const split = (scopes: string) => scopes.split(' ').filter(Boolean);
    return {
      organization: split(rows.find((row) => row.user_id === ALL_PRINCIPALS)?.scopes ?? ''),
      users: Object.fromEntries(
        rows
          .filter((row) => row.user_id !== ALL_PRINCIPALS)
          .map((row) => [row.user_id, split(row.scopes)]),
      ),
    };
  }

  /** Forgets every consent, the users' and the organisation's. */
  forgetAll(): void {
    this.db.prepare('DELETE FROM consents').run();
  }
}
