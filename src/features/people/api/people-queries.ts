import { queryOptions } from '@tanstack/react-query';
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
  displayName: graphText,
  jobTitle: graphText,
  department: graphText,
  userPrincipalName: graphText,
});

export type Person = z.infer<typeof personSchema>;

const peoplePageSchema = graphPage(personSchema);

/** What to call a person: their name, else their sign-in name. */
export function personName(person: Person): string {
  return (
    presentText(person.displayName) ??
    presentText(person.userPrincipalName) ??
    'Someone without a name'
  );
}

const SELECT = '$select=id,displayName,jobTitle,department,userPrincipalName';

export async function listDirectReports(signal?: AbortSignal): Promise<Person[]> {
  const { data } = await graph().request(`/me/directReports?${SELECT}`, {
    scopes: 'others',
    signal,
  });
  return readAnswer(peoplePageSchema, data, 'listing your direct reports').value;
}

/** `$search` tokenizes names, so "gu" finds Lee Gu; quotes cannot be searched for. */
export function searchTermForGraph(text: string): string {
  return text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
}

export async function searchPeople(text: string, signal?: AbortSignal): Promise<Person[]> {
  const term = searchTermForGraph(text);
  const search = encodeURIComponent(`"displayName:${term}"`);
  const { data } = await graph().request(`/users?$search=${search}&${SELECT}&$top=25`, {
    scopes: 'others',
    signal,
    headers: { ConsistencyLevel: 'eventual' },
  });
  return readAnswer(peoplePageSchema, data, 'searching the directory').value;
}

export async function getPerson(id: string, signal?: AbortSignal): Promise<Person> {
  const { data } = await graph().request(`/users/${encodeURIComponent(id)}?${SELECT}`, {
    scopes: 'others',
    signal,
  });
  return readAnswer(personSchema, data, 'reading a person');
}

export const peopleQueries = {
  all: () => ['people'] as const,
  directReports: () =>
    queryOptions({
      queryKey: [...peopleQueries.all(), 'directReports'] as const,
      queryFn: ({ signal }) => listDirectReports(signal),
    }),
  search: (text: string) =>
    queryOptions({
      queryKey: [...peopleQueries.all(), 'search', searchTermForGraph(text).toLowerCase()] as const,
      queryFn: ({ signal }) => searchPeople(text, signal),
      staleTime: 30_000,
    }),
  person: (id: string) =>
    queryOptions({
      queryKey: [...peopleQueries.all(), 'person', id] as const,
      queryFn: ({ signal }) => getPerson(id, signal),
    }),
};
