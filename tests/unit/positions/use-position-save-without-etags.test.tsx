// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { positionQueries } from '../../../src/features/positions/api/position-queries';
import { usePosition } from '../../../src/features/positions/api/use-positions';
import { useUpdatePosition } from '../../../src/features/positions/api/update-position';
import type { Position } from '../../../src/features/positions/types';
import { fakeGraph, gate, graphError, inTurn } from '../support/fake-graph';
import { testQueryClient, withQueryClient } from '../support/query-client';
import { PATH, auditor, bodyOf, renderSave, version } from './save-harness';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** Graph's profile API as it is: no etag; `detail` holds members the form never shows. */
const untagged: Position = {
  ...structuredClone(auditor),
  '@odata.etag': undefined,
  detail: { ...structuredClone(auditor.detail), employeeId: 'E-17', role: 'Auditor II' },
};
delete untagged['@odata.etag'];

/** Someone else's save: `change` applied to the version the form opened with. */
function theirs(change: (detail: NonNullable<Position['detail']>) => void): Position {
  const next = structuredClone(untagged);
  change(next.detail ?? {});
  return next;
}

/** Graph as a last-writer-wins store: GET gives what it holds; PATCH replaces what it sends. */
function lastWriterWins(initial: Position, options: { emptyAnswers?: boolean } = {}) {
  let stored = structuredClone(initial);
  const graph = fakeGraph((call) => {
    if (call.method === 'PATCH') {
      stored = { ...stored, ...(call.body as Partial<Position>) };
      return options.emptyAnswers ? undefined : structuredClone(stored);
    }
    return structuredClone(stored);
  });
  return { graph, stored: () => stored };
}

describe('usePositionSave without etags (Graph profile API): read, merge, write', () => {
  it('reads the current version first and sends only the changed property, built on it: what someone else changed inside detail is kept', async () => {
    const server = lastWriterWins(
      theirs((detail) => {
        detail.company = { ...detail.company, department: 'Group Finance' };
        detail.employeeId = 'E-99';
        detail.role = 'Lead';
      }),
    );
    const { result, type, submit } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Senior Auditor');
    await submit();

    expect(server.graph.lines()).toEqual([`GET ${PATH}`, `PATCH ${PATH}`]);
    const patch = server.graph.calls[1];
    expect(patch.headers['If-Match']).toBeUndefined();
    expect(Object.keys(bodyOf(patch))).toEqual(['detail']);
    expect(bodyOf(patch).detail).toMatchObject({
      jobTitle: 'Senior Auditor',
      employeeId: 'E-99',
      role: 'Lead',
      company: { displayName: 'Contoso Ltd.', department: 'Group Finance' },
    });
    expect(server.stored().detail).toMatchObject({
      jobTitle: 'Senior Auditor',
      employeeId: 'E-99',
      company: { department: 'Group Finance' },
    });
    const { save, form } = result.current;
    expect(save.outcome).toBe('saved');
    // The form shows the other person's department now, based on what was saved.
    expect(form.getValues('detail.company.department')).toBe('Group Finance');
    expect(save.hasUnsavedChanges()).toBe(false);
  });

  it('keeps a change someone made to another property: only the user’s property is sent', async () => {
    const server = lastWriterWins({ ...untagged, categories: ['compliance'] });
    const { type, submit } = renderSave({ position: untagged });
    type('detail.description', 'Reviews the books');
    await submit();
    expect(Object.keys(bodyOf(server.graph.calls[1]))).toEqual(['detail']);
    expect(server.stored().categories).toEqual(['compliance']);
  });

  it('where both changed the same field, shows the conflict and sends nothing; keeping mine reads again and saves', async () => {
    const server = lastWriterWins(theirs((detail) => (detail.jobTitle = 'Chief Auditor')));
    const { result, type, submit } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Lead Auditor');
    type('detail.company.department', 'Internal Audit');
    await submit();

    expect(server.graph.lines()).toEqual([`GET ${PATH}`]);
    const { conflict, outcome } = result.current.save;
    expect(outcome).toBe('conflict');
    expect(conflict?.conflicts.map(({ field, mine, theirs: t }) => [field.path, mine, t])).toEqual([
      ['detail.jobTitle', 'Lead Auditor', 'Chief Auditor'],
    ]);
    // Based on the version read now; the user's other change still in the form, unsaved.
    expect(result.current.save.base?.detail?.jobTitle).toBe('Chief Auditor');
    expect(result.current.form.getValues('detail.company.department')).toBe('Internal Audit');

    await act(() => result.current.save.resolveConflict({ 'detail.jobTitle': 'mine' }));
    expect(server.graph.lines()).toEqual([`GET ${PATH}`, `GET ${PATH}`, `PATCH ${PATH}`]);
    expect(server.stored().detail).toMatchObject({
      jobTitle: 'Lead Auditor',
      company: { department: 'Internal Audit' },
    });
    expect(result.current.save.outcome).toBe('saved');
  });

  it('a PATCH answered without a body counts as saved: the saved version is what was read with the patch applied', async () => {
    const server = lastWriterWins(untagged, { emptyAnswers: true });
    const { result, client, type, submit, onSaved } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Quiet Auditor');
    await submit();
    expect(server.graph.lines()).toEqual([`GET ${PATH}`, `PATCH ${PATH}`]);
    expect(result.current.save.outcome).toBe('saved');
    expect(result.current.save.base?.detail?.jobTitle).toBe('Quiet Auditor');
    expect(result.current.save.base?.detail?.employeeId).toBe('E-17');
    expect(result.current.save.hasUnsavedChanges()).toBe(false);
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(vi.mocked(onSaved).mock.calls[0][0].detail?.jobTitle).toBe('Quiet Auditor');
    expect(client.getQueryData(positionQueries.detail('me', 'p1').queryKey)?.detail?.jobTitle).toBe(
      'Quiet Auditor',
    );
  });

  it('sends nothing when the read shows Graph holds the change already (an earlier attempt went through)', async () => {
    const server = lastWriterWins(theirs((detail) => (detail.jobTitle = 'Senior Auditor')));
    const { result, type, submit } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Senior Auditor');
    await submit();
    expect(server.graph.lines()).toEqual([`GET ${PATH}`]);
    expect(result.current.save.outcome).toBe('saved');
  });

  it('after throttling, each attempt reads again, so the patch is never built on a version older than its read', async () => {
    let stored = structuredClone(untagged);
    const patches = inTurn(graphError(429, { code: 'activityLimitReached' }), 'store');
    const graph = fakeGraph((call) => {
      if (call.method === 'GET') {
        const read = structuredClone(stored);
        // Someone else saves between this save's first and second attempt.
        if (graph.calls.length === 1)
          stored = theirs((detail) => (detail.company = { ...detail.company, city: 'Leeds' }));
        return read;
      }
      patches();
      stored = { ...stored, ...(call.body as Partial<Position>) };
      return stored;
    });
    const { result, type, submit } = renderSave({
      position: untagged,
      client: testQueryClient({ retries: true }),
    });
    type('detail.jobTitle', 'Patient Auditor');
    await submit();
    expect(graph.lines()).toEqual([`GET ${PATH}`, `PATCH ${PATH}`, `GET ${PATH}`, `PATCH ${PATH}`]);
    expect(stored.detail?.jobTitle).toBe('Patient Auditor');
    expect(stored.detail?.company?.city).toBe('Leeds');
    expect(result.current.save.outcome).toBe('saved');
  });

  it('a 404 on the PATCH of a position a fresh read still finds is tried once more, not shown as deleted', async () => {
    let stored = structuredClone(untagged);
    const patches = inTurn(graphError(404, { code: 'UnknownError', message: '' }), 'store');
    const graph = fakeGraph((call) => {
      if (call.method === 'GET') return structuredClone(stored);
      patches();
      stored = { ...stored, ...(call.body as Partial<Position>) };
      return stored;
    });
    const { result, type, submit } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Persistent Auditor');
    await submit();
    expect(graph.lines()).toEqual([`GET ${PATH}`, `PATCH ${PATH}`, `GET ${PATH}`, `PATCH ${PATH}`]);
    expect(result.current.save.outcome).toBe('saved');
    expect(result.current.save.deletedMeanwhile).toBe(false);
  });

  it('a second 404 on the PATCH while the read still finds it is an error, not "deleted", and the input stays', async () => {
    const graph = fakeGraph((call) => {
      if (call.method === 'GET') return structuredClone(untagged);
      throw graphError(404, { code: 'UnknownError', message: '' });
    });
    const { result, type, submit } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Unlucky Auditor');
    await submit();
    expect(graph.lines()).toHaveLength(4);
    expect(result.current.save.outcome).toBe('failed');
    expect(result.current.save.deletedMeanwhile).toBe(false);
    expect(result.current.save.error).toMatchObject({ status: 404, code: 'UnknownError' });
    expect(result.current.form.getValues('detail.jobTitle')).toBe('Unlucky Auditor');
  });

  it('a read that finds nothing means someone deleted the position: it can be added again', async () => {
    const graph = fakeGraph(() => {
      throw graphError(404, { code: 'itemNotFound' });
    });
    const { result, type, submit } = renderSave({ position: untagged });
    type('detail.jobTitle', 'Orphaned Auditor');
    await submit();
    expect(graph.lines()).toEqual([`GET ${PATH}`]);
    expect(result.current.save.deletedMeanwhile).toBe(true);
    expect(result.current.form.getValues('detail.jobTitle')).toBe('Orphaned Auditor');
  });

  it('with an etag (the strict option) it stays one PATCH with If-Match, no read', async () => {
    const graph = fakeGraph(() =>
      version(auditor, 'W/"2"', (detail) => (detail.jobTitle = 'Tagged Auditor')),
    );
    const { type, submit } = renderSave();
    type('detail.jobTitle', 'Tagged Auditor');
    await submit();
    expect(graph.lines()).toEqual([`PATCH ${PATH}`]);
    expect(graph.calls[0].headers['If-Match']).toBe('W/"1"');
  });

  it('with an etag, a 404 on the PATCH while a read finds the position is tried once more', async () => {
    const current = version(auditor, 'W/"2"', () => undefined);
    const patches = inTurn(
      graphError(404, { code: 'UnknownError' }),
      version(current, 'W/"3"', (detail) => (detail.jobTitle = 'Tagged Auditor')),
    );
    const graph = fakeGraph((call) => (call.method === 'PATCH' ? patches() : current));
    const { result, type, submit } = renderSave();
    type('detail.jobTitle', 'Tagged Auditor');
    await submit();
    expect(graph.lines()).toEqual([`PATCH ${PATH}`, `GET ${PATH}`, `PATCH ${PATH}`]);
    expect(graph.calls[2].headers['If-Match']).toBe('W/"2"');
    expect(result.current.save.outcome).toBe('saved');
  });
});

describe('the version a form is based on', () => {
  it('an untouched form takes a fresher version when one arrives', () => {
    fakeGraph(() => untagged);
    const { result, newerCopy } = renderSave({ position: untagged });
    const fresher = theirs((detail) => (detail.jobTitle = 'Renamed Elsewhere'));
    newerCopy(fresher);
    expect(result.current.form.getValues('detail.jobTitle')).toBe('Renamed Elsewhere');
    expect(result.current.save.base).toBe(fresher);
    expect(result.current.save.hasUnsavedChanges()).toBe(false);
  });

  it('a form with changes keeps its base and the user’s input', () => {
    fakeGraph(() => untagged);
    const { result, type, newerCopy } = renderSave({ position: untagged });
    type('detail.description', 'Mine');
    newerCopy(theirs((detail) => (detail.jobTitle = 'Renamed Elsewhere')));
    expect(result.current.form.getValues('detail.jobTitle')).toBe('Auditor');
    expect(result.current.form.getValues('detail.description')).toBe('Mine');
    expect(result.current.save.base).toBe(untagged);
  });

  it('a read answered after a save’s answer was stored never replaces the saved version', async () => {
    const lateRead = gate<Position>();
    const saved = theirs((detail) => (detail.jobTitle = 'Saved Auditor'));
    // The first read of the position answers late, with the version before the save.
    let reads = 0;
    const graph = fakeGraph((call) => {
      if (call.method === 'PATCH') return saved;
      if (call.path !== PATH) return { value: [] };
      reads += 1;
      return reads === 1 ? lateRead.promise : saved;
    });
    const client = testQueryClient();
    const { result } = renderHook(
      () => ({
        detail: usePosition('me', 'p1'),
        list: useQuery(positionQueries.list('me')),
      }),
      { wrapper: withQueryClient(client) },
    );
    // The page's read of the position is under way (it will answer with the old version).
    await waitFor(() => expect(graph.lines()).toContain(`GET ${PATH}`));
    const { result: save } = renderHook(() => ({ update: useUpdatePosition('me', 'p1') }), {
      wrapper: withQueryClient(client),
    });
    await act(() => save.current.update.mutateAsync({ patch: { isCurrent: true } }));
    expect(result.current.detail.data?.detail?.jobTitle).toBe('Saved Auditor');

    await act(async () => {
      lateRead.open(untagged);
      await lateRead.promise;
    });
    expect(client.getQueryData(positionQueries.detail('me', 'p1').queryKey)?.detail?.jobTitle).toBe(
      'Saved Auditor',
    );
    expect(result.current.detail.data?.detail?.jobTitle).toBe('Saved Auditor');
  });
});
