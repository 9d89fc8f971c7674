import type { Db } from './database.js';

/** Small named values the stack must keep across restarts: signing keys, cookie keys. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  get<T>(name: string): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
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
