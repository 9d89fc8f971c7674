// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClientProvider, useInfiniteQuery } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { entryOf, peopleQueries } from '../../../src/features/people/api/people-queries';
import { PagedPeople } from '../../../src/features/people/components/paged-people';
import { fakeGraph } from '../support/fake-graph';
import { testQueryClient } from '../support/query-client';

beforeAll(() => {
  Object.defineProperty(Element.prototype, 'animate', { value: undefined, configurable: true });
});
afterEach(cleanup);

const NEXT =
  'https://graph.example/beta/me/directReports?$select=id&$top=2&$skiptoken=opaque%3D%3D';
const adele = { '@odata.type': '#microsoft.graph.user', id: 'u1', displayName: 'Adele Vance' };
const alex = { '@odata.type': '#microsoft.graph.user', id: 'u2', displayName: 'Alex Wilber' };
const pradeep = {
  '@odata.type': '#microsoft.graph.orgContact',
  id: 'c1',
  displayName: 'Pradeep Gupta',
  jobTitle: 'Consultant',
};

function DirectReports() {
  const query = useInfiniteQuery(peopleQueries.directReports());
  return query.data ? <PagedPeople query={query} label="Direct reports" /> : <p>Loading</p>;
}

function renderReports() {
  const graph = fakeGraph((call) =>
    call.path === NEXT ? { value: [pradeep] } : { value: [adele, alex], '@odata.nextLink': NEXT },
  );
  const root = createRootRoute({ component: () => <Outlet /> });
  const page = createRoute({ getParentRoute: () => root, path: '/', component: DirectReports });
  const person = createRoute({
    getParentRoute: () => root,
    path: '/people/$userId',
    component: () => <h1>Someone</h1>,
  });
  const router = createRouter({
    routeTree: root.addChildren([page, person]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={testQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </FluentProvider>,
  );
  return { graph, user: userEvent.setup() };
}

describe('entryOf', () => {
  it('takes entries without a type (lists of /users) and #microsoft.graph.user as users, anything else not', () => {
    expect(entryOf({ id: 'a' }).kind).toBe('user');
    expect(entryOf(adele).kind).toBe('user');
    expect(entryOf(pradeep).kind).toBe('other');
    expect(entryOf({ id: 'g', '@odata.type': '#microsoft.graph.group' }).kind).toBe('other');
  });
});

describe('PagedPeople', () => {
  it('shows the first page, follows @odata.nextLink exactly as given on "Show more", moves the focus to the first new entry, and lists a contact without a link', async () => {
    const { graph, user } = renderReports();
    const list = await screen.findByRole('list', { name: 'Direct reports' });
    const links = within(list).getAllByRole('link');
    expect(links).toHaveLength(2);
    expect(links[0].textContent).toContain('Adele Vance');
    expect(links[1].textContent).toContain('Alex Wilber');
    expect(graph.calls[0].path).toBe(
      '/me/directReports?$select=id,displayName,jobTitle,department,userPrincipalName&$top=25',
    );
    expect(screen.getByRole('status').textContent).toBe('2 people shown; there are more.');

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(graph.calls.map((call) => call.path)).toHaveLength(2);
    expect(graph.calls[1].path).toBe(NEXT);

    const contact = within(list).getAllByRole('listitem')[2];
    expect(contact.textContent).toContain('Pradeep Gupta');
    expect(contact.textContent).toContain('Contact: not a user, no profile to edit');
    expect(within(contact).queryByRole('link')).toBeNull();
    await waitFor(() => expect(contact.contains(document.activeElement)).toBe(true));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('All 3 people shown.');
  }, 20_000);
});
