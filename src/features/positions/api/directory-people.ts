import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { graph } from '../../../graph/graph';
import { GraphError } from '../../../graph/graph-error';
import { graphId, graphPage, graphText, readAnswer } from '../../../graph/graph-answer';
import type { OwnerId } from '../types';
import { scopesFor } from './positions-path';

/** Someone in the directory as the people picker shows them (the basic profile, and a title when Graph gives one). */
const directoryPersonSchema = z.looseObject({
  id: graphId,
  displayName: graphText,
  userPrincipalName: graphText,
  jobTitle: graphText,
});

export type DirectoryPerson = z.infer<typeof directoryPersonSchema>;

const directoryPageSchema = graphPage(directoryPersonSchema);

/** Results the picker shows at once: the first few, quickly. */
export const PICKER_RESULTS = 8;
const SELECT = '$select=id,displayName,userPrincipalName,jobTitle';

/** `$search` tokenizes names, so "gu" finds Lee Gu; quotes and backslashes cannot be searched for. */
export const pickerSearchTerm = (text: string): string =>
  text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * The people whose name matches `text`, as Graph's advanced query finds them (`$search`
 * needs `ConsistencyLevel: eventual`). Reading other users' basic profiles needs
 * `User.ReadBasic.All`, which the user grants themselves, asked for the first time they
 * search (the token source's `directory` scope set).
 */
export async function searchDirectory(
  text: string,
  signal?: AbortSignal,
): Promise<DirectoryPerson[]> {
  const search = encodeURIComponent(`"displayName:${pickerSearchTerm(text)}"`);
  const { data } = await graph().request(
    `/users?$search=${search}&${SELECT}&$top=${PICKER_RESULTS}`,
    { scopes: 'directory', signal, headers: { ConsistencyLevel: 'eventual' } },
  );
  return readAnswer(directoryPageSchema, data, 'searching the directory').value;
}

/** A person's manager in the directory (`GET /users/{id}/manager`), or null when they have none. */
export async function getDirectoryManager(
  owner: OwnerId,
  signal?: AbortSignal,
): Promise<DirectoryPerson | null> {
  const path = owner === 'me' ? '/me' : `/users/${encodeURIComponent(owner)}`;
  try {
    const { data } = await graph().request(
      `${path}/manager?$select=id,displayName,userPrincipalName`,
      { scopes: scopesFor(owner), signal },
    );
    return readAnswer(directoryPersonSchema, data, "reading a person's manager");
  } catch (error) {
    // Graph answers 404 Request_ResourceNotFound for someone without a manager.
    if (error instanceof GraphError && error.status === 404) return null;
    throw error;
  }
}

export const directoryQueries = {
  all: () => ['directoryPeople'] as const,
  search: (text: string) =>
    queryOptions({
      queryKey: [
        ...directoryQueries.all(),
        'search',
        pickerSearchTerm(text).toLowerCase(),
      ] as const,
      queryFn: ({ signal }) => searchDirectory(text, signal),
      staleTime: 60_000,
      // A refused or missing permission is not fixed by asking again; the picker says so.
      retry: false,
    }),
  manager: (owner: OwnerId) =>
    queryOptions({
      queryKey: [...directoryQueries.all(), 'manager', owner] as const,
      queryFn: ({ signal }) => getDirectoryManager(owner, signal),
      staleTime: 5 * 60_000,
      retry: false,
    }),
};
