import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/** `:memory:` for a throwaway database, otherwise the folder that holds `emulator.sqlite`. */
export type DataLocation = { kind: 'memory' } | { kind: 'folder'; path: string };

export function dataLocationFromEnv(env: NodeJS.ProcessEnv = process.env): DataLocation {
  const dir = env.EMULATOR_DATA_DIR?.trim();
  if (dir === ':memory:') return { kind: 'memory' };
  // An empty EMULATOR_DATA_DIR counts as unset.
  if (!dir) return { kind: 'folder', path: join(process.cwd(), '.data') };
  return { kind: 'folder', path: dir };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  upn TEXT NOT NULL UNIQUE COLLATE NOCASE,
  body TEXT NOT NULL,
  manager_id TEXT,
  roles TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS positions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  etag TEXT NOT NULL,
  created_seq INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS positions_by_user ON positions (user_id, created_seq);
CREATE TABLE IF NOT EXISTS consents (
  user_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  PRIMARY KEY (user_id, client_id)
);
CREATE TABLE IF NOT EXISTS oidc_models (
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  payload TEXT NOT NULL,
  grant_id TEXT,
  uid TEXT,
  user_code TEXT,
  expires_at INTEGER,
  PRIMARY KEY (model, id)
);
CREATE INDEX IF NOT EXISTS oidc_by_grant ON oidc_models (grant_id);
CREATE INDEX IF NOT EXISTS oidc_by_uid ON oidc_models (uid);
CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * Opens (and creates) the emulator's database. WAL keeps readers off the writer's back;
 * synchronous=FULL makes every acknowledged write durable before the response leaves.
 */
export function openDatabase(location: DataLocation): Db {
  let db: Db;
  if (location.kind === 'memory') {
    db = new Database(':memory:');
  } else {
    mkdirSync(location.path, { recursive: true });
    db = new Database(join(location.path, 'emulator.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}
