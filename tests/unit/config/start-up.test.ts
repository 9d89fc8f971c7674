import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('starting the dev server with a bad configuration', () => {
  it('refuses to start and says why, naming the variables', () => {
    const result = spawnSync('npx', ['vite', '--port', '5199'], {
      env: {
        ...process.env,
        AUTH_AUTHORITY: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
        AUTH_CLIENT_ID: '',
        EMULATOR_DATA_DIR: ':memory:',
        VITEST: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain('Profile Editor configuration is invalid');
    expect(output).toContain('AUTH_CLIENT_ID is required');
  }, 70_000);
});
