import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from './database.js';

/** A directory user as Graph returns it (`microsoft.graph.user`, the properties the editor uses). */
export interface DirectoryUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  /** Returned only on `$select`, as on Graph; the demo people have none. */
  companyName?: string | null;
  officeLocation: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  preferredLanguage: string | null;
}

export interface UserRecord {
  user: DirectoryUser;
  managerId: string | null;
  /** Entra directory role names, e.g. "User Administrator". */
  roles: string[];
}

// Local demo passwords only: a cheap scrypt keeps seeding fast in tests.
const SCRYPT_COST = { N: 1 << 12, r: 8, p: 1 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT_COST);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, SCRYPT_COST);
  return timingSafeEqual(actual, expected);
}

interface UserRow {
  body: string;
  manager_id: string | null;
  roles: string;
  password_hash: string;
}

function toRecord(row: UserRow): UserRecord {
  return {
    user: JSON.parse(row.body) as DirectoryUser,
    managerId: row.manager_id,
    roles: JSON.parse(row.roles) as string[],
  };
}

export class DirectoryStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  insert(record: UserRecord, passwordHash: string): void {
    this.db
      .prepare(
        'INSERT INTO users (id, upn, body, manager_id, roles, password_hash) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.user.id,
        record.user.userPrincipalName,
        JSON.stringify(record.user),
        record.managerId,
        JSON.stringify(record.roles),
        passwordHash,
      );
  }

  /** Finds a user by object id or by user principal name, whatever the case of either. */
  find(idOrUpn: string): UserRecord | undefined {
    const row = this.db
      .prepare(
        'SELECT body, manager_id, roles, password_hash FROM users WHERE id = lower(?) OR upn = ?',
      )
      .get(idOrUpn, idOrUpn) as UserRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  all(): UserRecord[] {
    const rows = this.db
      .prepare(
        "SELECT body, manager_id, roles, password_hash FROM users ORDER BY json_extract(body, '$.displayName'), id",
      )
      .all() as UserRow[];
    return rows.map(toRecord);
  }

  directReports(managerId: string): UserRecord[] {
    const rows = this.db
      .prepare(
        "SELECT body, manager_id, roles, password_hash FROM users WHERE manager_id = ? ORDER BY json_extract(body, '$.displayName'), id",
      )
      .all(managerId) as UserRow[];
    return rows.map(toRecord);
  }

  /** The user whose credentials these are, or a reason they are refused. */
  verifyPassword(
    upn: string,
    password: string,
  ): { ok: true; record: UserRecord } | { ok: false; reason: 'unknownUser' | 'wrongPassword' } {
    const row = this.db
      .prepare('SELECT body, manager_id, roles, password_hash FROM users WHERE upn = ?')
      .get(upn.trim()) as UserRow | undefined;
    if (!row) return { ok: false, reason: 'unknownUser' };
    if (!passwordMatches(password, row.password_hash))
      return { ok: false, reason: 'wrongPassword' };
    return { ok: true, record: toRecord(row) };
  }
}
