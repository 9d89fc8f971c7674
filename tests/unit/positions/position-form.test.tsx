// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PositionForm } from '../../../src/features/positions/components/position-form/position-form';
import type { Position } from '../../../src/features/positions/types';
import { fakeGraph, type Answer } from '../support/fake-graph';
import { testQueryClient } from '../support/query-client';

beforeAll(() => {
  // happy-dom's animations reject once cancelled (a dialog closing as the test ends);
  // without Element.animate, Fluent skips its motions, as it does under jsdom.
  Object.defineProperty(Element.prototype, 'animate', { value: undefined, configurable: true });
  // happy-dom lays nothing out, so the body measures 0×0 and Fluent's focus manager (Tabster)
  // finds nothing visible to focus in an open dialog: focus stays on the dialog itself, its
  // modal never becomes the active one, and 250 ms later Tabster hides the dialog from
  // assistive technology. A body of a window's size lets it behave as in a browser.
  vi.spyOn(document.body, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 1024, 768));
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const auditor: Position = {
  id: 'p1',
  '@odata.etag': 'W/"1"',
  allowedAudiences: 'organization',
  isCurrent: true,
  categories: [],
  detail: {
    jobTitle: 'Auditor',
    startMonthYear: '2001-01-01',
    company: { displayName: 'Contoso Ltd.' },
  },
};

/** The form on a page of its own, in a router with one other page to leave to. */
async function renderForm(position: Position = auditor, answer: Answer = () => position) {
  const graph = fakeGraph(answer);
  const root = createRootRoute({
    component: () => <Outlet />,
  });
  const formPage = createRoute({
    getParentRoute: () => root,
    path: '/',
    component: () => (
      <PositionForm
        owner="me"
        position={position}
        onSaved={vi.fn()}
        draftKeyFor={(id) => `draft.${id ?? 'new'}`}
      />
    ),
  });
  const elsewhere = createRoute({
    getParentRoute: () => root,
    path: '/elsewhere',
    component: () => <h1>Elsewhere</h1>,
  });
  const router = createRouter({
    routeTree: root.addChildren([formPage, elsewhere]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={testQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </FluentProvider>,
  );
  const jobTitle = await screen.findByRole('textbox', { name: /Job title/ });
  const leave = () =>
    act(() => {
      router.history.push('/elsewhere');
    });
  return { graph, jobTitle, leave, user: userEvent.setup() };
}

const isDisabled = (element: HTMLElement) => element.hasAttribute('disabled');
const save = () => screen.getByRole('button', { name: 'Save' });
const valueOf = (element: HTMLElement) => (element as HTMLInputElement).value;
/** Fluent and typing in a simulated DOM are slow on a busy machine. */
const SLOW = 20_000;

describe('PositionForm: one notion of a change for Save and for leaving', () => {
  it(
    'a whitespace-only edit leaves Save disabled, and leaving asks nothing',
    async () => {
      const { graph, jobTitle, leave, user } = await renderForm();
      expect(isDisabled(save())).toBe(true);
      await user.type(jobTitle, '  ');
      expect(valueOf(jobTitle)).toBe('Auditor  ');
      expect(isDisabled(save())).toBe(true);
      leave();
      expect(await screen.findByRole('heading', { name: 'Elsewhere' })).toBeTruthy();
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(graph.calls).toEqual([]);
    },
    SLOW,
  );

  it(
    'a real edit enables Save, and leaving asks first; "Keep editing" stays with the input',
    async () => {
      const { jobTitle, leave, user } = await renderForm();
      await user.type(jobTitle, ' Lead');
      expect(isDisabled(save())).toBe(false);
      leave();
      const dialog = await screen.findByRole('alertdialog', { name: 'Leave without saving?' });
      const keepEditing = await within(dialog).findByRole('button', { name: 'Keep editing' });
      // The safe choice has the focus, so Enter does not throw the edit away.
      await waitFor(() => expect(document.activeElement).toBe(keepEditing));
      await user.click(keepEditing);
      await waitFor(() => expect(document.contains(dialog)).toBe(false));
      expect(screen.queryByRole('heading', { name: 'Elsewhere' })).toBeNull();
      expect(valueOf(jobTitle)).toBe('Auditor Lead');
    },
    SLOW,
  );

  it(
    '"Discard changes" leaves, and the draft goes',
    async () => {
      const { jobTitle, leave, user } = await renderForm();
      await user.type(jobTitle, ' Lead');
      await waitFor(() => expect(localStorage.getItem('draft.p1')).not.toBeNull());
      leave();
      const dialog = await screen.findByRole('alertdialog', { name: 'Leave without saving?' });
      await user.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
      expect(await screen.findByRole('heading', { name: 'Elsewhere' })).toBeTruthy();
      expect(localStorage.getItem('draft.p1')).toBeNull();
    },
    SLOW,
  );
});

/** A position from the directory (the seed's "Regional Retail Lead"): no etag, untidy. */
const fromTheDirectory: Position = {
  id: 'p1',
  allowedAudiences: 'organization,federatedOrganizations',
  isCurrent: true,
  categories: null,
  detail: {
    jobTitle: 'Regional Retail Lead',
    startMonthYear: '0001-01-01',
    endMonthYear: '0001-01-01',
    company: { displayName: '', department: 'Retail', webUrl: 'contoso.com' },
  },
  lastModifiedDateTime: '0001-01-01T00:00:00Z',
};

describe('PositionForm: untidy data', () => {
  it(
    'shows sentinel dates as empty, and saves a one-field change without asking for the rest; the untidy values go back as they were',
    async () => {
      const { graph, user } = await renderForm(fromTheDirectory, (call) =>
        call.method === 'PATCH'
          ? { ...fromTheDirectory, ...(call.body as Partial<Position>) }
          : fromTheDirectory,
      );
      expect(valueOf(screen.getByRole('textbox', { name: /Start year/ }))).toBe('');
      await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Leads the region');
      await user.click(save());
      await screen.findByText('All changes saved.');
      expect(screen.queryByText('Check the highlighted fields')).toBeNull();
      expect(graph.calls.map((call) => call.method)).toEqual(['GET', 'PATCH']);
      const body = graph.calls[1].body as { detail: Record<string, unknown> };
      expect(Object.keys(body)).toEqual(['detail']);
      expect(body.detail).toMatchObject({
        description: 'Leads the region',
        startMonthYear: '0001-01-01',
        endMonthYear: '0001-01-01',
        company: { displayName: '', webUrl: 'contoso.com' },
      });
    },
    SLOW,
  );
});
