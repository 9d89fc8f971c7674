import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './database.js';

/** A workPosition's properties as stored (everything Graph returns except annotations). */
export type PositionBody = Record<string, unknown> & { id: string };

export interface StoredPosition {
  userId: string;
  etag: string;
  body: PositionBody;
}

export type UpdateOutcome =
  | { status: 'updated'; position: StoredPosition }
  | { status: 'notFound' }
  | { status: 'preconditionFailed' };

export type DeleteOutcome =
  { status: 'deleted' } | { status: 'notFound' } | { status: 'preconditionFailed' };

/**
 * Storage for profile positions; no HTTP here, so handlers and tests share one contract.
 * Every stored version has an etag; whether Graph shows it is the routes' business.
 */
export interface PositionsStore {
  list(userId: string): StoredPosition[];
  get(userId: string, id: string): StoredPosition | undefined;
  create(userId: string, build: (id: string) => Omit<PositionBody, 'id'>): StoredPosition;
  /** Runs `apply` on the current body and stores its result, all in one transaction. */
  update(
    userId: string,
    id: string,
    ifMatch: string | undefined,
    apply: (current: PositionBody) => PositionBody,
  ): UpdateOutcome;
  delete(userId: string, id: string, ifMatch: string | undefined): DeleteOutcome;
}

export const newEtag = (): string => `W/"${randomBytes(9).toString('base64url')}"`;

/** `*` matches any existing entity; otherwise the strong or weak value must be the stored one. */
export function etagMatches(ifMatch: string | undefined, etag: string): boolean {
  if (ifMatch === undefined) return true;
  return ifMatch
    .split(',')
    .map((candidate) => candidate.trim())
    .some((candidate) => candidate === '*' || candidate === etag || `W/${candidate}` === etag);
}

interface Row {
  user_id: string;
  etag: string;
  body: string;
}
const toStored = (row: Row): StoredPosition => ({
  userId: row.user_id,
  etag: row.etag,
  body: JSON.parse(row.body) as PositionBody,
});

export class SqlitePositionsStore implements PositionsStore {
  constructor(private readonly db: Db) {}

  list(userId: string): StoredPosition[] {
    const rows = this.db
      .prepare('SELECT user_id, etag, body FROM positions WHERE user_id = ? ORDER BY created_seq')
      .all(userId) as Row[];
    return rows.map(toStored);
  }

  get(userId: string, id: string): StoredPosition | undefined {
    const row = this.db
      .prepare('SELECT user_id, etag, body FROM positions WHERE user_id = ? AND id = ?')
      .get(userId, id.toLowerCase()) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  create(userId: string, build: (id: string) => Omit<PositionBody, 'id'>): StoredPosition {
    const id = randomUUID();
    const body = { id, ...build(id) } as PositionBody;
    const etag = newEtag();
    this.db.transaction(() => {
      const { seq } = this.db
        .prepare('SELECT COALESCE(MAX(created_seq), 0) + 1 AS seq FROM positions')
        .get() as { seq: number };
      this.db
        .prepare(
          'INSERT INTO positions (id, user_id, etag, created_seq, body) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, userId, etag, seq, JSON.stringify(body));
    })();
    return { userId, etag, body };
  }

  update(
    userId: string,
    id: string,
    ifMatch: string | undefined,
    apply: (current: PositionBody) => PositionBody,
  ): UpdateOutcome {
    return this.db.transaction((): UpdateOutcome => {
      const current = this.get(userId, id);
      if (!current) return { status: 'notFound' };
      if (!etagMatches(ifMatch, current.etag)) return { status: 'preconditionFailed' };
      const body = apply(current.body);
      const etag = newEtag();
      this.db
        .prepare('UPDATE positions SET etag = ?, body = ? WHERE user_id = ? AND id = ?')
        .run(etag, JSON.stringify(body), userId, current.body.id);
      return { status: 'updated', position: { userId, etag, body } };
    })();
  }

  delete(userId: string, id: string, ifMatch: string | undefined): DeleteOutcome {
    return this.db.transaction((): DeleteOutcome => {
      const current = this.get(userId, id);
      if (!current) return { status: 'notFound' };
      if (!etagMatches(ifMatch, current.etag)) return { status: 'preconditionFailed' };
      this.db
        .prepare('DELETE FROM positions WHERE user_id = ? AND id = ?')
        .run(userId, current.body.id);
      return { status: 'deleted' };
    })();
  }
}
