import { infiniteQueryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { graph } from '../../../graph/graph';
import { graphId, graphPage, graphText, readAnswer } from '../../../graph/graph-answer';

/** A directory user as the Organisation table shows them. */
export const directoryPersonSchema = z.looseObject({
  id: graphId,
  displayName: graphText,
  userPrincipalName: graphText,
  jobTitle: graphText,
  department: graphText,
  companyName: graphText,
});

export type DirectoryPerson = z.infer<typeof directoryPersonSchema>;

const directoryPageSchema = z.looseObject({
  ...graphPage(directoryPersonSchema).shape,
  '@odata.count': z.optional(z.number()),
});

/** What the table is filtered by, as Graph filters users (each value compared whole, any case). */
export interface DirectoryFilter {
  department?: string;
  companyName?: string;
  jobTitle?: string;
}

/** The most Graph gives in one page of users. */
const PAGE_SIZE = 999;
const SELECT = 'id,displayName,userPrincipalName,jobTitle,department,companyName';

/** An OData string literal: quotes doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The `$filter` for a filter, or undefined for the whole directory. */
export function directoryFilterText(filter: DirectoryFilter): string | undefined {
  const clauses = (['department', 'companyName', 'jobTitle'] as const)
    .map((property) => [property, filter[property]?.trim()] as const)
    .filter((entry): entry is readonly [(typeof entry)[0], string] => Boolean(entry[1]))
    .map(([property, value]) => `${property} eq ${literal(value)}`);
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}

/**
 * The first page's address. Always an advanced query (`ConsistencyLevel: eventual` with
 * `$count=true`): filtering on `companyName` needs it, and it tells how many people match
 * before every page has come.
 */
export function directoryListPath(filter: DirectoryFilter): string {
  const params = [`$select=${SELECT}`, `$top=${PAGE_SIZE}`, '$count=true'];
  const text = directoryFilterText(filter);
  if (text) params.push(`$filter=${encodeURIComponent(text)}`);
  return `/users?${params.join('&')}`;
}

export interface DirectoryPage {
  people: DirectoryPerson[];
  count?: number;
  nextLink?: string;
}

export async function listDirectoryPage(
  pathOrNextLink: string,
  signal?: AbortSignal,
): Promise<DirectoryPage> {
  const { data } = await graph().request(pathOrNextLink, {
    scopes: 'others',
    signal,
    headers: { ConsistencyLevel: 'eventual' },
  });
  const page = readAnswer(directoryPageSchema, data, 'listing the directory');
  return {
    people: page.value,
    count: page['@odata.count'],
    nextLink: page['@odata.nextLink'] ?? undefined,
  };
}

const normalised = (filter: DirectoryFilter) => ({
  department: filter.department?.trim() ?? '',
  companyName: filter.companyName?.trim() ?? '',
  jobTitle: filter.jobTitle?.trim() ?? '',
});

/** The only query keys of the Organisation area's directory. */
export const directoryQueries = {
  all: () => ['organisation', 'directory'] as const,
  /** Every page of the directory (as filtered), each nextLink followed exactly as given. */
  list: (filter: DirectoryFilter) =>
    infiniteQueryOptions({
      queryKey: [...directoryQueries.all(), normalised(filter)] as const,
      queryFn: ({ pageParam, signal }) => listDirectoryPage(pageParam, signal),
      initialPageParam: directoryListPath(filter),
      getNextPageParam: (last: DirectoryPage) => last.nextLink,
      staleTime: 5 * 60_000,
    }),
};
