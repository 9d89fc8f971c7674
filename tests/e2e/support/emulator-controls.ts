import type { APIRequestContext } from '@playwright/test';

export interface FaultSettings {
  latencyMs?: number;
  throttleRate?: number;
  errorRate?: number;
  /** A share of requests carried out whose answer is lost (the connection closes). */
  lostResponseRate?: number;
  /** Lose the answers of exactly the next N requests. */
  loseNextResponses?: number;
  retryAfterSeconds?: number;
}

/** The local stack's `/_emulator` controls: reset the demo data, inject faults, expire tokens. */
export class EmulatorControls {
  constructor(private readonly request: APIRequestContext) {}

  async reset(): Promise<void> {
    const response = await this.request.post('/_emulator/reset');
    if (response.status() !== 204) throw new Error(`emulator reset failed: ${response.status()}`);
    await this.setFaults({
      latencyMs: 0,
      throttleRate: 0,
      errorRate: 0,
      lostResponseRate: 0,
      loseNextResponses: 0,
      retryAfterSeconds: 1,
    });
  }

  async setFaults(settings: FaultSettings): Promise<void> {
    const response = await this.request.post('/_emulator/faults', { data: settings });
    if (!response.ok())
      throw new Error(`setting faults failed: ${response.status()} ${await response.text()}`);
  }

  /**
   * Every access token issued so far is refused as expired from now on. With
   * `revokeRefreshTokens` a new one needs the provider's session (silent renewal in a
   * hidden frame); with `endSessions` it needs the user.
   */
  async expireTokens(
    options: { revokeRefreshTokens?: boolean; endSessions?: boolean } = {},
  ): Promise<void> {
    const response = await this.request.post('/_emulator/expire-tokens', { data: options });
    if (response.status() !== 204) throw new Error(`expire-tokens failed: ${response.status()}`);
  }
}
