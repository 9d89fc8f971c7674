// Shared by the tests of usePositionSave: a position, its next versions, and the hook
// rendered with a real form and a fresh query client.
import type { QueryClient } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { useForm, type Resolver } from 'react-hook-form';
import { vi } from 'vitest';
import { createPositionResolver } from '../../../src/features/positions/components/position-form/resolver';
import { usePositionSave } from '../../../src/features/positions/components/position-form/use-position-save';
import type { Position } from '../../../src/features/positions/types';
import {
  toFormValues,
  type PositionFormValues,
} from '../../../src/features/positions/utils/form-mapping';
import type { GraphCall } from '../support/fake-graph';
import { testQueryClient, withQueryClient } from '../support/query-client';

export const PATH = '/me/profile/positions/p1';
export const auditor: Position = {
  id: 'p1',
  '@odata.etag': 'W/"1"',
  allowedAudiences: 'organization',
  isCurrent: true,
  categories: [],
  detail: {
    jobTitle: 'Auditor',
    startMonthYear: '2001-01-01',
    company: { displayName: 'Contoso Ltd.', department: 'Finance' },
  },
};

/** The position as Graph holds it after `change`, with the next etag. */
export function version(
  from: Position,
  etag: string,
  change: (detail: NonNullable<Position['detail']>) => void,
) {
  const next = structuredClone(from);
  next['@odata.etag'] = etag;
  change(next.detail ?? {});
  return next;
}

/** Renders the hook with a real form (validation included) and a fresh query client. */
export function renderSave({
  position = auditor,
  client = testQueryClient(),
  onSaved = vi.fn(),
  // Every field judged, as for a new position, unless a test gives another.
  resolver = createPositionResolver(() => undefined),
}: {
  position?: Position | null;
  client?: QueryClient;
  onSaved?: (saved: Position) => void;
  resolver?: Resolver<PositionFormValues>;
} = {}) {
  const { result, rerender } = renderHook(
    ({ current }: { current: Position | null }) => {
      const form = useForm<PositionFormValues>({
        defaultValues: toFormValues(current ?? undefined),
        resolver,
      });
      const save = usePositionSave({
        owner: 'me',
        position: current ?? undefined,
        form,
        draftKeyFor: (id) => `draft.${id ?? 'new'}`,
        onSaved,
      });
      return { form, save };
    },
    { wrapper: withQueryClient(client), initialProps: { current: position } },
  );
  /** The page's copy of the position changes (a re-read, someone's save seen). */
  const newerCopy = (next: Position) => {
    rerender({ current: next });
  };
  const type = (path: 'detail.jobTitle' | `detail.${string}`, value: string) => {
    act(() => {
      result.current.form.setValue(path as 'detail.jobTitle', value, { shouldDirty: true });
    });
  };
  const submit = () => act(() => result.current.save.submit());
  return { result, client, onSaved, type, submit, newerCopy };
}

export const bodyOf = (call: GraphCall) => call.body as { detail?: Record<string, unknown> };
