import { queryOptions } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';

/** A directory user as the People area shows them. */
export interface Person {
  id: string;
  displayName: string | null;
  jobTitle: string | null;
  department: string | null;
  userPrincipalName: string;
}

const SELECT = '$select=id,displayName,jobTitle,department,userPrincipalName';

export async function listDirectReports(signal?: AbortSignal): Promise<Person[]> {
  const { data } = await graph().request<{ value: Person[] }>(`/me/directReports?${SELECT}`, {
    scopes: 'others',
    signal,
  });
  return data.value;
}

/** `$search` tokenizes names, so "gu" finds Lee Gu; quotes cannot be searched for. */
export function searchTermForGraph(text: string): string {
  return text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
}

export async function searchPeople(text: string, signal?: AbortSignal): Promise<Person[]> {
  const term = searchTermForGraph(text);
  const search = encodeURIComponent(`"displayName:${term}"`);
  const { data } = await graph().request<{ value: Person[] }>(
    `/users?$search=${search}&${SELECT}&$top=25`,
    {
      scopes: 'others',
      signal,
      headers: { ConsistencyLevel: 'eventual' },
    },
  );
  return data.value;
}

export async function getPerson(id: string, signal?: AbortSignal): Promise<Person> {
  const { data } = await graph().request<Person>(`/users/${encodeURIComponent(id)}?${SELECT}`, {
    scopes: 'others',
    signal,
  });
  return data;
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
