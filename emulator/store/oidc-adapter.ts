import type { Db } from './database.js';

type Payload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

/**
 * better-sqlite3 is synchronous and oidc-provider's adapter interface asks for promises:
 * runs `work` now and hands its result, or its failure, over as a promise.
 */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * oidc-provider's storage adapter over SQLite, so sessions, grants and refresh tokens
 * survive a restart of the dev server. One instance per model name.
 */
export function sqliteOidcAdapter(db: Db) {
  const now = () => Math.floor(Date.now() / 1000);
  return class SqliteOidcAdapter {
    constructor(private readonly model: string) {}

    upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      return settled(() => {
        db.prepare(
          `INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
           uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
        ).run(
          this.model,
          id,
          JSON.stringify(payload),
          payload.grantId ?? null,
          payload.uid ?? null,
          payload.userCode ?? null,
          expiresIn ? now() + expiresIn : null,
        );
      });
    }

    private findWhere(column: 'id' | 'uid' | 'user_code', value: string): Payload | undefined {
      const row = db
        .prepare(`SELECT payload, expires_at FROM oidc_models WHERE model = ? AND ${column} = ?`)
        .get(this.model, value) as { payload: string; expires_at: number | null } | undefined;
      if (!row || (row.expires_at !== null && row.expires_at < now())) return undefined;
      return JSON.parse(row.payload) as Payload;
    }

    find(id: string): Promise<Payload | undefined> {
      return settled(() => this.findWhere('id', id));
    }
    findByUid(uid: string): Promise<Payload | undefined> {
      return settled(() => this.findWhere('uid', uid));
    }
    findByUserCode(userCode: string): Promise<Payload | undefined> {
      return settled(() => this.findWhere('user_code', userCode));
    }

    consume(id: string): Promise<void> {
      return settled(() => {
        const found = this.findWhere('id', id);
        if (!found) return;
        db.prepare('UPDATE oidc_models SET payload = ? WHERE model = ? AND id = ?').run(
          JSON.stringify({ ...found, consumed: now() }),
          this.model,
          id,
        );
      });
    }

    destroy(id: string): Promise<void> {
      return settled(() => {
        db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?').run(this.model, id);
      });
    }

    revokeByGrantId(grantId: string): Promise<void> {
      return settled(() => {
        db.prepare('DELETE FROM oidc_models WHERE grant_id = ?').run(grantId);
      });
    }
  };
}

/** Drops expired rows; called at start so the table does not grow without end. */
export function pruneExpiredOidcModels(db: Db): void {
  db.prepare('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?').run(
    Math.floor(Date.now() / 1000),
  );
}
