// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useCreatePosition } from '../../../src/features/positions/api/create-position';
import { useDeletePosition } from '../../../src/features/positions/api/delete-position';
import { positionQueries } from '../../../src/features/positions/api/position-queries';
import { useUpdatePosition } from '../../../src/features/positions/api/update-position';
import type { Position, PositionPatch } from '../../../src/features/positions/types';
import { GraphError, NETWORK_ERROR } from '../../../src/graph/graph-error';
import { fakeGraph, gate, graphError, inTurn } from '../support/fake-graph';
import { testQueryClient, withQueryClient } from '../support/query-client';

afterEach(cleanup);

const LIST = '/me/profile/positions';
const auditor: Position = {
  id: 'p1',
  '@odata.etag': 'W/"1"',
  isCurrent: true,
  detail: { jobTitle: 'Auditor', company: { displayName: 'Contoso' } },
};
const body: PositionPatch = {
  detail: { jobTitle: 'Night Auditor', company: { displayName: 'Fourth Coffee' } },
  isCurrent: false,
  categories: [],
  allowedAudiences: 'organization',
};
const created: Position = { id: 'p2', '@odata.etag': 'W/"1"', ...body };
const page = (...positions: Position[]) => ({ value: positions });
const unanswered = () => new GraphError({ status: 0, code: NETWORK_ERROR, message: 'No answer.' });

describe('update and delete of one position', () => {
  it('run one after another: a delete waits for the save before it', async () => {
    const patchAnswer = gate<Position>();
    const graph = fakeGraph((call) =>
      call.method === 'PATCH' ? patchAnswer.promise : call.method === 'DELETE' ? undefined : [],
    );
    const client = testQueryClient();
    const { result } = renderHook(
      () => ({ update: useUpdatePosition('me', 'p1'), remove: useDeletePosition('me', 'p1') }),
      { wrapper: withQueryClient(client) },
    );
    act(() => {
      result.current.update.mutate({ patch: { isCurrent: false }, etag: 'W/"1"' });
      result.current.remove.mutate();
    });
    await waitFor(() => expect(graph.lines()).toEqual([`PATCH ${LIST}/p1`]));
    await waitFor(() => expect(result.current.remove.isPaused).toBe(true));
    expect(graph.lines()).toEqual([`PATCH ${LIST}/p1`]);

    patchAnswer.open({ ...auditor, isCurrent: false, '@odata.etag': 'W/"2"' });
    await waitFor(() => expect(result.current.remove.isSuccess).toBe(true));
    expect(graph.lines()).toEqual([`PATCH ${LIST}/p1`, `DELETE ${LIST}/p1`]);
    // The delete carried the etag the save brought back.
    expect(graph.calls[1].headers['If-Match']).toBe('W/"2"');
  });

  it.each([
    ['PATCH', 503],
    ['PATCH', 429],
    ['DELETE', 503],
    ['DELETE', 504],
  ])(
    '%s is tried again after a transient %i, by the query client’s default',
    async (method, status) => {
      const answer = inTurn(graphError(status), method === 'PATCH' ? auditor : undefined);
      const graph = fakeGraph(answer);
      const { result } = renderHook(
        () => ({ update: useUpdatePosition('me', 'p1'), remove: useDeletePosition('me', 'p1') }),
        { wrapper: withQueryClient(testQueryClient({ retries: true })) },
      );
      await act(async () => {
        if (method === 'PATCH')
          await result.current.update.mutateAsync({ patch: { isCurrent: true } });
        else await result.current.remove.mutateAsync();
      });
      expect(graph.lines()).toEqual([`${method} ${LIST}/p1`, `${method} ${LIST}/p1`]);
    },
  );

  it('a 500 is not tried again', async () => {
    const graph = fakeGraph(inTurn(graphError(500)));
    const { result } = renderHook(() => useDeletePosition('me', 'p1'), {
      wrapper: withQueryClient(testQueryClient({ retries: true })),
    });
    await act(() => result.current.mutateAsync().catch(() => undefined));
    expect(graph.lines()).toEqual([`DELETE ${LIST}/p1`]);
  });
});

describe('creating a position, at most once', () => {
  function renderCreate() {
    const client = testQueryClient({ retries: true });
    const { result } = renderHook(() => useCreatePosition('me'), {
      wrapper: withQueryClient(client),
    });
    return { result, client };
  }

  it('after an unanswered POST, looks for it in the list (retrying that read) and takes it', async () => {
    const lists = inTurn(page(auditor), graphError(503), page(auditor, created));
    const graph = fakeGraph((call) => {
      if (call.method === 'POST') throw unanswered();
      return lists();
    });
    const { result, client } = renderCreate();
    let saved: Position | undefined;
    await act(async () => {
      saved = await result.current.mutateAsync(body);
    });
    expect(saved).toEqual(created);
    expect(graph.lines()).toEqual([`GET ${LIST}`, `POST ${LIST}`, `GET ${LIST}`, `GET ${LIST}`]);
    expect(client.getQueryData(positionQueries.list('me').queryKey)).toEqual([auditor, created]);
  });

  it('does not read the list again on a 500 (not transient): the create fails, unrepeated', async () => {
    const lists = inTurn(page(auditor), graphError(500));
    const graph = fakeGraph((call) => {
      if (call.method === 'POST') throw unanswered();
      return lists();
    });
    const { result } = renderCreate();
    const error = await act(() => result.current.mutateAsync(body).catch((e: unknown) => e));
    expect(error).toMatchObject({ status: 500 });
    expect(graph.lines()).toEqual([`GET ${LIST}`, `POST ${LIST}`, `GET ${LIST}`]);
  });

  it('sends it again once the list shows the first attempt did not happen, waiting as Graph asked', async () => {
    const posts = inTurn(graphError(503, { retryAfterMs: 0 }), created);
    const lists = inTurn(page(auditor));
    const graph = fakeGraph((call) => (call.method === 'POST' ? posts() : lists()));
    const { result } = renderCreate();
    let saved: Position | undefined;
    await act(async () => {
      saved = await result.current.mutateAsync(body);
    });
    expect(saved).toEqual(created);
    expect(graph.lines().filter((line) => line.startsWith('POST'))).toHaveLength(2);
    expect(graph.lines()).toEqual([
      `GET ${LIST}`,
      `POST ${LIST}`,
      `GET ${LIST}`,
      // The second try checks first, then sends.
      `GET ${LIST}`,
      `POST ${LIST}`,
    ]);
  });

  it('uses the list already loaded rather than reading it before the first POST', async () => {
    const graph = fakeGraph((call) => (call.method === 'POST' ? created : page(auditor)));
    const { result, client } = renderCreate();
    client.setQueryData(positionQueries.list('me').queryKey, [auditor]);
    await act(() => result.current.mutateAsync(body));
    expect(graph.lines()).toEqual([`POST ${LIST}`]);
  });
});
