import { queryOptions, useQuery } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';

export interface Me {
  id: string;
  displayName: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
}

export async function getMe(): Promise<Me> {
  const { data } = await graph().request<Me>(
    '/me?$select=id,displayName,userPrincipalName,jobTitle',
  );
  return data;
}

export const meQuery = () =>
  queryOptions({ queryKey: ['me'], queryFn: getMe, staleTime: 5 * 60_000 });

export const useMe = () => useQuery(meQuery());
