import type { Db } from './database.js';

/** Scopes each user has consented to for each client, remembered across sessions. */
export class ConsentStore {
  constructor(private readonly db: Db) {}

  scopesFor(userId: string, clientId: string): Set<string> {
    const row = this.db
      .prepare('SELECT scopes FROM consents WHERE user_id = ? AND client_id = ?')
      .get(userId, clientId) as { scopes: string } | undefined;
    return new Set(row ? row.scopes.split(' ').filter(Boolean) : []);
  }

  grant(userId: string, clientId: string, scopes: Iterable<string>): void {
    const merged = this.scopesFor(userId, clientId);
    for (const scope of scopes) merged.add(scope);
    this.db
      .prepare(
        'INSERT INTO consents (user_id, client_id, scopes) VALUES (?, ?, ?) ON CONFLICT(user_id, client_id) DO UPDATE SET scopes = excluded.scopes',
      )
      .run(userId, clientId, [...merged].sort().join(' '));
  }
}
