import type { Page, Request } from '@playwright/test';
import type { LocalEndpoints } from '../../../emulator/endpoints.js';

export interface RecordedCall {
  method: string;
  /** Path after the Graph base, e.g. /me/profile/positions/123 */
  path: string;
  body: unknown;
  headers: Record<string, string>;
  status?: number;
}

/**
 * Records every Graph call the page makes, as seen on the wire (CORS preflights left
 * out), and every call to the identity provider's token endpoint.
 */
export class GraphRecorder {
  readonly calls: RecordedCall[] = [];
  readonly tokenCalls: string[] = [];

  constructor(page: Page, endpoints: Pick<LocalEndpoints, 'graphBaseUrl' | 'issuer'>) {
    const graphBase = `${endpoints.graphBaseUrl}/`;
    const pathOf = (url: string) => url.slice(endpoints.graphBaseUrl.length);
    page.on('request', (request: Request) => {
      if (request.url().startsWith(`${endpoints.issuer}/token`))
        this.tokenCalls.push(request.url());
      if (!request.url().startsWith(graphBase) || request.method() === 'OPTIONS') return;
      const raw = request.postData();
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      this.calls.push({
        method: request.method(),
        path: pathOf(request.url()),
        body,
        headers: request.headers(),
      });
    });
    page.on('response', (response) => {
      if (!response.url().startsWith(graphBase) || response.request().method() === 'OPTIONS')
        return;
      const path = pathOf(response.url());
      const call = [...this.calls]
        .reverse()
        .find(
          (candidate) =>
            candidate.path === path &&
            candidate.method === response.request().method() &&
            candidate.status === undefined,
        );
      if (call) call.status = response.status();
    });
  }

  writes(): RecordedCall[] {
    return this.calls.filter((call) => call.method !== 'GET');
  }

  /** Forget what was seen so far (e.g. the page's initial loads). */
  clear(): void {
    this.calls.length = 0;
    this.tokenCalls.length = 0;
  }
}
