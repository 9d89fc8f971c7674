import type { Page } from '@playwright/test';

/** One request sent inside `POST /$batch`. */
export interface BatchedCall {
  method: string;
  url: string;
  body?: unknown;
  /** Graph's status for it, once the batch's answer arrived. */
  status?: number;
  /** The batch's answer never came (a reload): the writes in it may or may not have happened. */
  unanswered?: true;
}

export interface BatchRecord {
  /** Every request sent inside a batch, in the order sent. */
  calls: BatchedCall[];
  /** How many batches were sent. */
  batches: number;
  /** The access token the last batch carried. */
  bearer?: string;
}

interface SentBatch {
  requests: { id: string; method: string; url: string; body?: unknown }[];
}

const isBatch = (request: { url(): string; method(): string }) =>
  request.url().endsWith('/$batch') && request.method() === 'POST';

/** Records every request the page sends inside `POST /$batch` from now on, with Graph's status for each. */
export function recordBatches(page: Page): BatchRecord {
  const record: BatchRecord = { calls: [], batches: 0 };
  const take = (sent: SentBatch, extra: Partial<BatchedCall> = {}) =>
    new Map(
      sent.requests.map((inner) => {
        const call: BatchedCall = {
          method: inner.method,
          url: inner.url,
          body: inner.body,
          ...extra,
        };
        record.calls.push(call);
        return [inner.id, call] as const;
      }),
    );
  page.on('requestfinished', (request) => {
    if (!isBatch(request)) return;
    record.batches += 1;
    const headers: Partial<Record<string, string>> = request.headers();
    record.bearer = headers.authorization?.replace(/^Bearer /, '');
    const byId = take(request.postDataJSON() as SentBatch);
    void request
      .response()
      .then(
        (response) => response?.json() as Promise<{ responses: { id: string; status: number }[] }>,
      )
      .then((answer) => {
        for (const inner of answer.responses) {
          const call = byId.get(inner.id);
          if (call) call.status = inner.status;
        }
      })
      .catch(() => undefined);
  });
  page.on('requestfailed', (request) => {
    if (!isBatch(request)) return;
    record.batches += 1;
    take(request.postDataJSON() as SentBatch, { unanswered: true });
  });
  return record;
}
