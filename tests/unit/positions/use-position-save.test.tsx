// @vitest-environment happy-dom
import { onlineManager } from '@tanstack/react-query';
import { act, cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { positionQueries } from '../../../src/features/positions/api/position-queries';
import type { Position } from '../../../src/features/positions/types';
import { fakeGraph, gate, graphError, inTurn } from '../support/fake-graph';
import { testQueryClient } from '../support/query-client';
import { PATH, auditor, bodyOf, renderSave, version } from './save-harness';

afterEach(() => {
  cleanup();
  onlineManager.setOnline(true);
  localStorage.clear();
});

describe('usePositionSave', () => {
  it('sends nothing when nothing changed, spaces around text included', async () => {
    const graph = fakeGraph(() => auditor);
    const { result, type, submit } = renderSave();
    type('detail.jobTitle', 'Auditor  ');
    expect(result.current.save.hasUnsavedChanges()).toBe(false);
    await submit();
    expect(graph.calls).toEqual([]);
    expect(result.current.save.outcome).toBe('unchanged');
    expect(result.current.save.busy).toBe(false);
  });

  it('saves: the form settles on Graph’s answer, and typing done meanwhile stays, unsaved', async () => {
    const answer = gate<Position>();
    const graph = fakeGraph(() => answer.promise);
    const { result, client, onSaved, type } = renderSave();
    type('detail.jobTitle', 'Senior Auditor');
    let saving!: Promise<void>;
    act(() => {
      saving = result.current.save.submit();
    });
    await waitFor(() => expect(graph.lines()).toEqual([`PATCH ${PATH}`]));
    expect(result.current.save.busy).toBe(true);
    expect(graph.calls[0].headers['If-Match']).toBe('W/"1"');
    expect(Object.keys(bodyOf(graph.calls[0]))).toEqual(['detail']);

    type('detail.description', 'Typed while saving');
    const saved = version(auditor, 'W/"2"', (detail) => {
      detail.jobTitle = 'Senior Auditor';
    });
    await act(async () => {
      answer.open(saved);
      await saving;
    });

    const { save, form } = result.current;
    expect(save.outcome).toBe('saved');
    expect(save.busy).toBe(false);
    expect(save.base).toEqual(saved);
    expect(onSaved).toHaveBeenCalledWith(saved);
    expect(form.getValues('detail.jobTitle')).toBe('Senior Auditor');
    expect(form.getValues('detail.description')).toBe('Typed while saving');
    expect(save.hasUnsavedChanges()).toBe(true);
    // The answer went into the cache as it is: nothing is read again.
    expect(client.getQueryData(positionQueries.detail('me', 'p1').queryKey)).toEqual(saved);
  });

  it('puts a Graph error that names a property on that field, keeping the input', async () => {
    fakeGraph(() => {
      throw graphError(400, {
        code: 'invalidRequest',
        message: "Property 'detail.company.department' contains a character that is not allowed.",
        target: 'detail.company.department',
      });
    });
    const { result, type, submit } = renderSave();
    type('detail.company.department', 'Finance & Controlling');
    await submit();
    const { save, form } = result.current;
    expect(save.outcome).toBe('failed');
    expect(save.error).toMatchObject({ status: 400 });
    expect(form.getFieldState('detail.company.department').error?.message).toBe(
      "Property 'detail.company.department' contains a character that is not allowed.",
    );
    expect(form.getValues('detail.company.department')).toBe('Finance & Controlling');
  });

  it('on 412, re-reads, merges fields only one side changed, and sends again against the new version', async () => {
    const theirs = version(auditor, 'W/"2"', (detail) => {
      detail.company = { ...detail.company, department: 'Group Finance' };
    });
    const mine = version(theirs, 'W/"3"', (detail) => {
      detail.jobTitle = 'Senior Auditor';
    });
    const patches = inTurn(graphError(412), mine);
    const graph = fakeGraph((call) => (call.method === 'PATCH' ? patches() : theirs));
    const { result, type, submit } = renderSave();
    type('detail.jobTitle', 'Senior Auditor');
    await submit();

    expect(graph.lines()).toEqual([`PATCH ${PATH}`, `GET ${PATH}`, `PATCH ${PATH}`]);
    expect(graph.calls[2].headers['If-Match']).toBe('W/"2"');
    expect(bodyOf(graph.calls[2]).detail).toMatchObject({
      jobTitle: 'Senior Auditor',
      company: { department: 'Group Finance' },
    });
    expect(result.current.save.outcome).toBe('saved');
    expect(result.current.save.conflict).toBeNull();
    expect(result.current.form.getValues('detail.company.department')).toBe('Group Finance');
  });

  it.each([
    ['mine', 'Lead Auditor'],
    ['theirs', 'Chief Auditor'],
  ] as const)(
    'on 412 where both changed a field, asks, then saves with %s',
    async (choice, kept) => {
      const theirs = version(auditor, 'W/"2"', (detail) => {
        detail.jobTitle = 'Chief Auditor';
      });
      const patches = inTurn(
        graphError(412),
        version(theirs, 'W/"3"', (d) => (d.jobTitle = kept)),
      );
      const graph = fakeGraph((call) => (call.method === 'PATCH' ? patches() : theirs));
      const { result, type, submit } = renderSave();
      type('detail.jobTitle', 'Lead Auditor');
      await submit();

      const { conflict } = result.current.save;
      expect(result.current.save.outcome).toBe('conflict');
      expect(
        conflict?.conflicts.map(({ field, mine, theirs: server }) => [field.path, mine, server]),
      ).toEqual([['detail.jobTitle', 'Lead Auditor', 'Chief Auditor']]);
      expect(graph.lines()).toEqual([`PATCH ${PATH}`, `GET ${PATH}`]);

      await act(() => result.current.save.resolveConflict({ 'detail.jobTitle': choice }));
      expect(result.current.form.getValues('detail.jobTitle')).toBe(kept);
      if (choice === 'mine') {
        expect(graph.lines()).toHaveLength(3);
        expect(graph.calls[2].headers['If-Match']).toBe('W/"2"');
        expect(bodyOf(graph.calls[2]).detail).toMatchObject({ jobTitle: 'Lead Auditor' });
        expect(result.current.save.outcome).toBe('saved');
      } else {
        // Theirs is what the server holds already: nothing left to send.
        expect(graph.lines()).toHaveLength(2);
        expect(result.current.save.outcome).toBe('unchanged');
      }
      expect(result.current.save.conflict).toBeNull();
    },
  );

  it('on 404, and a fresh read finds nothing, says the position was deleted meanwhile, and adds it again with what the form holds', async () => {
    const created: Position = { ...auditor, id: 'p9', '@odata.etag': 'W/"1"' };
    const graph = fakeGraph((call) => {
      if (call.method === 'PATCH') throw graphError(404);
      if (call.method === 'POST') return { ...created, detail: call.body && bodyOf(call).detail };
      if (call.path === PATH) throw graphError(404);
      return { value: [] };
    });
    const { result, type, submit, onSaved } = renderSave();
    type('detail.jobTitle', 'Orphaned Auditor');
    await submit();
    expect(graph.lines()).toEqual([`PATCH ${PATH}`, `GET ${PATH}`]);
    expect(result.current.save.deletedMeanwhile).toBe(true);
    expect(result.current.save.outcome).toBe('deleted');
    expect(result.current.form.getValues('detail.jobTitle')).toBe('Orphaned Auditor');

    await act(() => result.current.save.recreate());
    expect(graph.lines().slice(2)).toEqual([
      'GET /me/profile/positions',
      'POST /me/profile/positions',
    ]);
    expect(bodyOf(graph.calls[3]).detail).toMatchObject({ jobTitle: 'Orphaned Auditor' });
    expect(result.current.save.deletedMeanwhile).toBe(false);
    expect(result.current.save.base?.id).toBe('p9');
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'p9' }));
  });

  it('tries a transient failure again, saying which attempt it is, then saves', async () => {
    const second = gate<Position>();
    const patches = inTurn(graphError(503), second.promise);
    const graph = fakeGraph(() => patches());
    const { result, type } = renderSave({ client: testQueryClient({ retries: true }) });
    type('detail.jobTitle', 'Senior Auditor');
    let saving!: Promise<void>;
    act(() => {
      saving = result.current.save.submit();
    });
    await waitFor(() => expect(graph.calls).toHaveLength(2));
    await waitFor(() =>
      expect(result.current.save.progress).toEqual({ paused: false, attempt: 2 }),
    );
    await act(async () => {
      second.open(version(auditor, 'W/"2"', (detail) => (detail.jobTitle = 'Senior Auditor')));
      await saving;
    });
    expect(result.current.save.outcome).toBe('saved');
    expect(result.current.save.progress).toBeNull();
  });

  it('waits while offline and says so, then sends when the network is back', async () => {
    const graph = fakeGraph(() =>
      version(auditor, 'W/"2"', (d) => (d.jobTitle = 'Travelling Auditor')),
    );
    const { result, type } = renderSave();
    type('detail.jobTitle', 'Travelling Auditor');
    onlineManager.setOnline(false);
    let saving!: Promise<void>;
    act(() => {
      saving = result.current.save.submit();
    });
    await waitFor(() => expect(result.current.save.progress).toEqual({ paused: true, attempt: 1 }));
    expect(result.current.save.busy).toBe(true);
    expect(graph.calls).toEqual([]);

    await act(async () => {
      onlineManager.setOnline(true);
      await saving;
    });
    expect(graph.lines()).toEqual([`PATCH ${PATH}`]);
    expect(result.current.save.outcome).toBe('saved');
  });

  it('adds a new position once, then saves further changes to it through the update mutation', async () => {
    const created: Position = { ...auditor, id: 'p2', '@odata.etag': 'W/"1"' };
    const graph = fakeGraph((call) => {
      if (call.method === 'POST') return created;
      if (call.method === 'PATCH')
        return version(created, 'W/"2"', (detail) => (detail.jobTitle = 'Senior Auditor'));
      return { value: [auditor] };
    });
    const { result, client, onSaved, type, submit } = renderSave({ position: null });
    type('detail.jobTitle', 'Auditor');
    type('detail.company.displayName', 'Contoso Ltd.');
    type('detail.start.month', '1');
    type('detail.start.year', '2001');
    act(() => {
      result.current.form.setValue('isCurrent', true);
    });
    await submit();
    expect(graph.lines()).toEqual(['GET /me/profile/positions', 'POST /me/profile/positions']);
    expect(result.current.save.outcome).toBe('added');
    expect(result.current.save.base).toEqual(created);
    expect(onSaved).toHaveBeenCalledWith(created);

    type('detail.jobTitle', 'Senior Auditor');
    await submit();
    expect(graph.lines().slice(2)).toEqual(['PATCH /me/profile/positions/p2']);
    expect(graph.calls[2].headers['If-Match']).toBe('W/"1"');
    expect(result.current.save.outcome).toBe('saved');
    // Through the update mutation: in the position's scope, its answer in the cache.
    const updates = client
      .getMutationCache()
      .getAll()
      .filter((mutation) => mutation.options.scope?.id === 'position:me:p2');
    expect(updates).toHaveLength(1);
    expect(client.getQueryData(positionQueries.detail('me', 'p2').queryKey)).toMatchObject({
      '@odata.etag': 'W/"2"',
    });
  });

  it('ignores a second save while one runs (one notion of busy)', async () => {
    const answer = gate<Position>();
    const graph = fakeGraph(() => answer.promise);
    const { result, type } = renderSave();
    type('detail.jobTitle', 'Senior Auditor');
    let first!: Promise<void>;
    act(() => {
      first = result.current.save.submit();
    });
    await waitFor(() => expect(result.current.save.busy).toBe(true));
    await act(() => result.current.save.submit());
    await act(async () => {
      answer.open(version(auditor, 'W/"2"', (detail) => (detail.jobTitle = 'Senior Auditor')));
      await first;
    });
    expect(graph.lines()).toEqual([`PATCH ${PATH}`]);
  });

  it('discards: back to the version it is based on, nothing unsaved, the draft gone', () => {
    fakeGraph(() => auditor);
    const { result, type } = renderSave();
    type('detail.jobTitle', 'Senior Auditor');
    localStorage.setItem('draft.p1', '{}');
    act(() => result.current.save.discard());
    expect(result.current.form.getValues('detail.jobTitle')).toBe('Auditor');
    expect(result.current.save.hasUnsavedChanges()).toBe(false);
    expect(result.current.save.outcome).toBe('discarded');
    expect(localStorage.getItem('draft.p1')).toBeNull();
  });
});
