import { resolveConfig } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('starting the dev server with a bad configuration', () => {
  // The check runs while Vite resolves vite.config.ts, before any server exists: resolving
  // it as `vite` (serve) would, with the same environment, meets it without binding a port.
  it('refuses to start and says why, naming the variables', async () => {
    vi.stubEnv('AUTH_AUTHORITY', 'https://login.microsoftonline.com/contoso.onmicrosoft.com');
    vi.stubEnv('AUTH_CLIENT_ID', '');
    vi.stubEnv('EMULATOR_DATA_DIR', ':memory:');
    const starting = resolveConfig({ configFile: 'vite.config.ts', logLevel: 'silent' }, 'serve');
    await expect(starting).rejects.toThrow('Profile Editor configuration is invalid');
    await expect(starting).rejects.toThrow('AUTH_CLIENT_ID is required');
  }, 30_000);

  it('starts with the embedded stack when nothing is configured', async () => {
    for (const name of ['AUTH_AUTHORITY', 'AUTH_CLIENT_ID', 'GRAPH_BASE_URL'])
      vi.stubEnv(name, undefined);
    const config = await resolveConfig(
      { configFile: 'vite.config.ts', logLevel: 'silent' },
      'serve',
    );
    expect(config.plugins.map((plugin) => plugin.name)).toContain('profile-editor-app-config');
  }, 30_000);
});
