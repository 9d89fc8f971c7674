import type { Db } from './database.js';

/** Small named values the stack must keep across restarts: signing keys, cookie keys. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  /** The stored value; with `isValid`, one that fails it counts as absent. */
  get<T>(name: string, isValid?: (value: unknown) => value is T): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as
      { value: string } | undefined;
    if (!row) return undefined;
    const value = JSON.parse(row.value) as unknown;
    if (isValid && !isValid(value)) return undefined;
    return value as T;
  }

  set(name: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
      )
      .run(name, JSON.stringify(value));
  }

  /** Returns the stored value, or creates, stores and returns one. */
  getOrCreate<T>(name: string, create: () => T): T {
    const existing = this.get<T>(name);
    if (existing !== undefined) return existing;
    const value = create();
    this.set(name, value);
    return value;
  }
}
