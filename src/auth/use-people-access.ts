import { CacheLookupPolicy } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useQuery } from '@tanstack/react-query';
import { SCOPES } from './scopes';

/**
 * Whether this tab already holds People's permission (a token for other people's
 * profiles in MSAL's cache): then a link to someone's profile opens it rather than
 * People's explanation. Read from the cache only: no request, no prompt.
 */
export function useHoldsPeopleAccess(): boolean {
  const { instance } = useMsal();
  const accountId = instance.getActiveAccount()?.homeAccountId ?? '';
  const held = useQuery({
    queryKey: ['auth', 'holdsPeopleAccess', accountId] as const,
    queryFn: () => {
      const account = instance.getAccount({ homeAccountId: accountId });
      return account
        ? instance
            .acquireTokenSilent({
              scopes: [...SCOPES.others],
              account,
              cacheLookupPolicy: CacheLookupPolicy.AccessToken,
            })
            .then(
              () => true,
              () => false,
            )
        : false;
    },
    staleTime: 60_000,
  });
  return held.data === true;
}
