import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { graph } from '../../../graph/graph';
import { graphId, graphText, readAnswer } from '../../../graph/graph-answer';

/** The signed-in user as Graph's /me describes them (only the id must be there). */
export const meSchema = z.looseObject({
  id: graphId,
  displayName: graphText,
  userPrincipalName: graphText,
  jobTitle: graphText,
});

export type Me = z.infer<typeof meSchema>;

export async function getMe(): Promise<Me> {
  const { data } = await graph().request('/me?$select=id,displayName,userPrincipalName,jobTitle');
  return readAnswer(meSchema, data, 'who you are');
}

const meQuery = () => queryOptions({ queryKey: ['me'], queryFn: getMe, staleTime: 5 * 60_000 });

/**
 * Graph's /me, asked for once the first screen is up (or `enabled` says so): the header has
 * the name from the sign-in until then, and the list's one Graph request is not made to
 * share the start of the page with a second one (and its own CORS preflight).
 */
export const useMe = ({ enabled }: { enabled: boolean }) => useQuery({ ...meQuery(), enabled });
