import { errorOfAnswer, isSuccess, sendBatch } from '../../../graph/batch';
import { graph } from '../../../graph/graph';
import { readAnswer } from '../../../graph/graph-answer';
import { positionPageSchema } from '../../positions/api/position-schema';
import { positionsPath } from '../../positions/api/positions-path';
import type { Position } from '../../positions/types';
import { BatchQueue, type QueueOutcome } from '../bulk/batch-queue';

/** A queue of Graph requests about other people, sent as JSON batches at the pace Graph allows. */
export function othersQueue(options: { maxInFlight?: number; onChange?: () => void } = {}) {
  return new BatchQueue({
    ...options,
    send: (requests) => sendBatch(graph(), requests, { scopes: 'others' }),
  });
}

/** A positions list's next page, outside a batch (rare: more than a page of positions). */
export async function readNextPositionsPage(nextLink: string): Promise<unknown> {
  const { data } = await graph().request(nextLink, { scopes: 'others' });
  return data;
}

/** A person's positions, read through `queue`; an error for a read Graph refused. */
export async function readPositionsThrough(queue: BatchQueue, userId: string): Promise<Position[]> {
  const outcome: QueueOutcome = await queue.add({ method: 'GET', url: positionsPath(userId) });
  if (outcome.kind === 'cancelled') throw new DOMException('Cancelled', 'AbortError');
  if (outcome.kind === 'unanswered') throw outcome.error;
  const { answer } = outcome;
  if (!isSuccess(answer)) throw errorOfAnswer(answer);
  let page = readAnswer(positionPageSchema, answer.body, 'listing positions');
  const positions = [...page.value];
  while (page['@odata.nextLink']) {
    page = readAnswer(
      positionPageSchema,
      await readNextPositionsPage(page['@odata.nextLink']),
      'listing positions',
    );
    positions.push(...page.value);
  }
  return positions;
}
