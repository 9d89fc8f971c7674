import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../emulator/store/database.js';
import { SqlitePositionsStore } from '../../emulator/store/positions-store.js';
import { ensureSeeded } from '../../emulator/store/seed.js';
import { mintAccessToken } from '../support/mint-access-token';
import { startEmulator } from './harness';
import { ids, jsonOf, listOf } from './helpers';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'emulator-durability-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('a file-backed database', () => {
  it('keeps writes made over HTTP across close and reopen, in WAL mode', async () => {
    const first = await startEmulator({ data: { kind: 'folder', path: folder } });
    let createdId: string;
    let deletedId: string;
    let patched: Record<string, unknown>;
    try {
      expect(first.stack.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.stack.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(existsSync(join(folder, 'emulator.sqlite'))).toBe(true);

      const created = await first.call('adele', ['User.ReadWrite'], '/me/profile/positions', {
        method: 'POST',
        json: {
          detail: { jobTitle: 'Durable Title', startMonthYear: '2023-01-01' },
          categories: ['kept'],
        },
      });
      expect(created.status).toBe(201);
      createdId = (await jsonOf(created)).id as string;
      const [seeded, toDelete] = new SqlitePositionsStore(first.stack.db)
        .list(ids.lee)
        .concat(new SqlitePositionsStore(first.stack.db).list(ids.alex));
      const patch = await first.call(
        'lee',
        ['User.ReadWrite'],
        `/me/profile/positions/${seeded.body.id}`,
        { method: 'PATCH', json: { categories: ['changed'] } },
      );
      expect(patch.status).toBe(200);
      patched = await jsonOf(patch);
      deletedId = toDelete.body.id;
      expect(
        (
          await first.call('alex', ['User.ReadWrite'], `/me/profile/positions/${deletedId}`, {
            method: 'DELETE',
          })
        ).status,
      ).toBe(204);

      // Acknowledged writes are committed: another connection sees them while the emulator still runs.
      const reader = new Database(join(folder, 'emulator.sqlite'), { readonly: true });
      try {
        const row = reader.prepare('SELECT body FROM positions WHERE id = ?').get(createdId) as
          { body: string } | undefined;
        expect(JSON.parse(row!.body)).toMatchObject({ detail: { jobTitle: 'Durable Title' } });
      } finally {
        reader.close();
      }
    } finally {
      await first.close();
    }

    const second = await startEmulator({ data: { kind: 'folder', path: folder } });
    try {
      expect(second.stack.db.pragma('journal_mode', { simple: true })).toBe('wal');
      // The signing key was kept too, so a token signed by the reopened stack works as before.
      expect(second.signingKey).toEqual(first.signingKey);

      const again = await second.call('adele', ['User.Read'], `/me/profile/positions/${createdId}`);
      expect(again.status).toBe(200);
      expect(await jsonOf(again)).toMatchObject({
        id: createdId,
        categories: ['kept'],
        detail: { jobTitle: 'Durable Title', startMonthYear: '2023-01-01' },
      });

      // Everything but the context URL, which names the new server's port.
      const { '@odata.context': _newContext, ...lee } = await jsonOf(
        await second.call('lee', ['User.Read'], `/me/profile/positions/${patched.id as string}`),
      );
      const { '@odata.context': _oldContext, ...before } = patched;
      expect(lee).toEqual(before);

      // Reopening does not reseed over the data: the deleted position stays deleted.
      expect(
        (await second.call('alex', ['User.Read'], `/me/profile/positions/${deletedId}`)).status,
      ).toBe(404);
      expect(
        (await listOf(await second.call('alex', ['User.Read'], '/me/profile/positions'))).value,
      ).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('the store classes on their own: write, close, reopen', () => {
    const db = openDatabase({ kind: 'folder', path: folder });
    ensureSeeded(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const created = new SqlitePositionsStore(db).create(ids.isaiah, () => ({
      detail: { jobTitle: 'Stored directly' },
    }));
    const updated = new SqlitePositionsStore(db).update(
      ids.isaiah,
      created.body.id,
      created.etag,
      (body) => ({ ...body, isCurrent: true }),
    );
    expect(updated.status).toBe('updated');
    db.close();

    const reopened = openDatabase({ kind: 'folder', path: folder });
    try {
      ensureSeeded(reopened);
      const stored = new SqlitePositionsStore(reopened).get(ids.isaiah, created.body.id);
      expect(stored?.body).toEqual({
        id: created.body.id,
        detail: { jobTitle: 'Stored directly' },
        isCurrent: true,
      });
      expect(stored?.etag).toBe(updated.status === 'updated' ? updated.position.etag : undefined);
      expect(new SqlitePositionsStore(reopened).list(ids.isaiah)).toHaveLength(2);
      expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reopened.close();
    }
  });

  it('a write that fails inside the transaction leaves the file as it was', () => {
    const db = openDatabase({ kind: 'folder', path: folder });
    ensureSeeded(db);
    const store = new SqlitePositionsStore(db);
    const [position] = store.list(ids.diego);
    expect(() =>
      store.update(ids.diego, position.body.id, undefined, () => {
        throw new Error('invalid');
      }),
    ).toThrow('invalid');
    db.close();
    const reopened = openDatabase({ kind: 'folder', path: folder });
    try {
      expect(new SqlitePositionsStore(reopened).get(ids.diego, position.body.id)).toEqual(position);
    } finally {
      reopened.close();
    }
  });
});

describe('what keeps people signed in across a restart', () => {
  it('signing key, cookie keys and provider grants are the same after reopening the data folder', async () => {
    const { createLocalStack } = await import('../../emulator/local-stack.js');
    const { localEndpoints } = await import('../../emulator/endpoints.js');
    const { SettingsStore } = await import('../../emulator/store/settings-store.js');
    const { publicPart } = await import('../../emulator/idp/signing-key.js');
    const { createLocalJWKSet, jwtVerify } = await import('jose');
    const origin = 'https://localhost:5999';

    const first = await createLocalStack({
      endpoints: localEndpoints({ app: origin, graph: origin, idp: origin }),
      data: { kind: 'folder', path: folder },
    });
    const settings = new SettingsStore(first.db);
    const signingKey = settings.get<import('jose').JWK>('idp.signingKey')!;
    const cookieKeys = settings.get<string[]>('idp.cookieKeys');
    first.db
      .prepare(
        "INSERT INTO oidc_models (model, id, payload) VALUES ('Grant', 'grant-1', '{\"accountId\":\"x\"}')",
      )
      .run();
    const token = await mintAccessToken({
      signingKey,
      issuer: first.issuer,
      audience: first.audience,
      userId: ids.adele,
      scopes: ['User.Read'],
    });
    first.close();

    const second = await createLocalStack({
      endpoints: localEndpoints({ app: origin, graph: origin, idp: origin }),
      data: { kind: 'folder', path: folder },
    });
    const reopened = new SettingsStore(second.db);
    expect(reopened.get('idp.signingKey')).toEqual(signingKey);
    expect(reopened.get('idp.cookieKeys')).toEqual(cookieKeys);
    expect(second.db.prepare("SELECT id FROM oidc_models WHERE model = 'Grant'").all()).toEqual([
      { id: 'grant-1' },
    ]);
    const { payload } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: [publicPart(reopened.get('idp.signingKey')!)] }),
      { issuer: second.issuer, audience: second.audience },
    );
    expect(payload.oid).toBe(ids.adele);
    second.close();
  });
});
