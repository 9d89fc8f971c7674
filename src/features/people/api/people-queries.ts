import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { graph } from '../../../graph/graph';
import {
  graphId,
  graphPage,
  graphText,
  presentText,
  readAnswer,
} from '../../../graph/graph-answer';

/** A directory user as the People area shows them (only the id must be there). */
export const personSchema = z.looseObject({
  id: graphId,
  '@odata.type': z.optional(z.string()),
  displayName: graphText,
  jobTitle: graphText,
  department: graphText,
  userPrincipalName: graphText,
});

export type Person = z.infer<typeof personSchema>;

const peoplePageSchema = graphPage(personSchema);

/**
 * One entry of a directory list. Direct reports are directoryObjects: besides users,
 * organisational contacts (`#microsoft.graph.orgContact`: someone outside the tenant,
 * with no sign-in and no profile) and, in principle, other kinds. Only users have
 * positions to open and edit.
 */
export type DirectoryEntry = { kind: 'user'; person: Person } | { kind: 'other'; person: Person };

/** A user, or an entry that is not one (an organisational contact, or any other kind). */
export function entryOf(person: Person): DirectoryEntry {
  const type = person['@odata.type'];
  // Lists of /users carry no type: every entry is a user.
  return type === undefined || type === '#microsoft.graph.user'
    ? { kind: 'user', person }
    : { kind: 'other', person };
}

/** One page of people, and where the next one is (Graph's `@odata.nextLink`, as given). */
export interface PeoplePage {
  entries: DirectoryEntry[];
  nextLink?: string;
}

async function readPeoplePage(
  url: string,
  request: string,
  signal: AbortSignal | undefined,
  headers?: Record<string, string>,
): Promise<PeoplePage> {
  const { data } = await graph().request(url, { scopes: 'others', signal, headers });
  const page = readAnswer(peoplePageSchema, data, request);
  return {
    entries: page.value.map(entryOf),
    nextLink: presentText(page['@odata.nextLink']),
  };
}

/** What to call a person: their name, else their sign-in name. */
export function personName(person: Person): string {
  return (
    presentText(person.displayName) ??
    presentText(person.userPrincipalName) ??
    'Someone without a name'
  );
}

const SELECT = '$select=id,displayName,jobTitle,department,userPrincipalName';
/** People per page: enough to fill a screen, few enough to show quickly. */
export const PEOPLE_PAGE_SIZE = 25;

/** A page of the signed-in user's direct reports: the first, or the one `nextLink` names. */
export function listDirectReports(nextLink?: string, signal?: AbortSignal): Promise<PeoplePage> {
  return readPeoplePage(
    nextLink ?? `/me/directReports?${SELECT}&$top=${PEOPLE_PAGE_SIZE}`,
    'listing your direct reports',
    signal,
  );
}

/** `$search` tokenizes names, so "gu" finds Lee Gu; quotes cannot be searched for. */
export function searchTermForGraph(text: string): string {
  return text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A page of the people whose name matches `text`: the first, or the one `nextLink` names. */
export function searchPeople(
  text: string,
  nextLink?: string,
  signal?: AbortSignal,
): Promise<PeoplePage> {
  const search = encodeURIComponent(`"displayName:${searchTermForGraph(text)}"`);
  return readPeoplePage(
    nextLink ?? `/users?$search=${search}&${SELECT}&$top=${PEOPLE_PAGE_SIZE}`,
    'searching the directory',
    signal,
    { ConsistencyLevel: 'eventual' },
  );
}

export async function getPerson(id: string, signal?: AbortSignal): Promise<Person> {
  const { data } = await graph().request(`/users/${encodeURIComponent(id)}?${SELECT}`, {
    scopes: 'others',
    signal,
  });
  return readAnswer(personSchema, data, 'reading a person');
}

/** Follows `@odata.nextLink` page by page ("Show more"); the first page has none. */
const paging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: PeoplePage) => last.nextLink,
};

export const peopleQueries = {
  all: () => ['people'] as const,
  directReports: () =>
    infiniteQueryOptions({
      queryKey: [...peopleQueries.all(), 'directReports'] as const,
      queryFn: ({ pageParam, signal }) => listDirectReports(pageParam, signal),
      ...paging,
    }),
  search: (text: string) =>
    infiniteQueryOptions({
      queryKey: [...peopleQueries.all(), 'search', searchTermForGraph(text).toLowerCase()] as const,
      queryFn: ({ pageParam, signal }) => searchPeople(text, pageParam, signal),
      ...paging,
      staleTime: 30_000,
    }),
  person: (id: string) =>
    queryOptions({
      queryKey: [...peopleQueries.all(), 'person', id] as const,
      queryFn: ({ signal }) => getPerson(id, signal),
    }),
};
