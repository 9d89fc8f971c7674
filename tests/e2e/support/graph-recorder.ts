import type { Page, Request } from '@playwright/test';

export interface RecordedCall {
  method: string;
  /** Path after the Graph base, e.g. /me/profile/positions/123 */
  path: string;
  body: unknown;
  headers: Record<string, string>;
  status?: number;
}

/** Records every Graph call the page makes, as seen on the wire. */
export class GraphRecorder {
  readonly calls: RecordedCall[] = [];
  readonly tokenCalls: string[] = [];

  constructor(page: Page, graphMount = '/graph/beta') {
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/idp/token')) this.tokenCalls.push(request.url());
      if (!url.pathname.startsWith(graphMount)) return;
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
        path: url.pathname.slice(graphMount.length) + url.search,
        body,
        headers: request.headers(),
      });
    });
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith(graphMount)) return;
      const path = url.pathname.slice(graphMount.length) + url.search;
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
