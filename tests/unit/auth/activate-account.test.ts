import type { AccountInfo } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { activateAccount } from '../../../src/auth/msal';

const account = (homeAccountId: string, localAccountId: string) =>
  ({
    homeAccountId,
    localAccountId,
    environment: 'login.example',
    tenantId: 't',
    username: 'u',
  }) as AccountInfo;

function fakeClient(active: AccountInfo | null) {
  return {
    getActiveAccount: vi.fn(() => active),
    setActiveAccount: vi.fn((next: AccountInfo | null) => {
      active = next;
    }),
  };
}

describe('activateAccount: the account of a sign-in or a token becomes the active one', () => {
  it('sets it when there is none', () => {
    const client = fakeClient(null);
    activateAccount(client, account('a.t', 'a'));
    expect(client.setActiveAccount).toHaveBeenCalledWith(account('a.t', 'a'));
  });

  it('sets it when another account is active', () => {
    const client = fakeClient(account('b.t', 'b'));
    activateAccount(client, account('a.t', 'a'));
    expect(client.setActiveAccount).toHaveBeenCalledWith(account('a.t', 'a'));
  });

  it('sets nothing when it is already the active one (each token from the cache)', () => {
    const client = fakeClient(account('a.t', 'a'));
    activateAccount(client, account('a.t', 'a'));
    activateAccount(client, account('a.t', 'a'));
    expect(client.setActiveAccount).not.toHaveBeenCalled();
  });

  it('sets it for the same home account in another tenant (another local account)', () => {
    const client = fakeClient(account('a.t', 'a'));
    activateAccount(client, account('a.t', 'a-guest'));
    expect(client.setActiveAccount).toHaveBeenCalledOnce();
  });
});
