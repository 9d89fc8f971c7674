import { useMsal } from '@azure/msal-react';
import { useMemo, useSyncExternalStore } from 'react';
import { roleAccessFromClaims, type RoleAccess } from './directory-roles';

/**
 * Set when Graph refused a change to someone else for want of a role (403), so that a
 * person whose token carries no `wids` (the registration does not ask for directory roles)
 * is not offered Edit again in this tab.
 */
let refusedChangingOthers = false;
const listeners = new Set<() => void>();

export function noteChangingOthersRefused(): void {
  if (refusedChangingOthers) return;
  refusedChangingOthers = true;
  listeners.forEach((listener) => listener());
}

/** The signed-in person's directory roles, from the `wids` claim of their ID token. */
export function useRoleAccess(): RoleAccess {
  const { instance, accounts } = useMsal();
  const account = instance.getActiveAccount() ?? accounts.at(0);
  const claims = account?.idTokenClaims;
  return useMemo(() => roleAccessFromClaims(claims), [claims]);
}

/**
 * Whether to offer changing other people's profiles, known before anyone types: from the
 * person's roles; when the token does not say, offered until Graph has refused it once.
 */
export function useMayChangeOthers(): boolean {
  const access = useRoleAccess();
  const refused = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => refusedChangingOthers,
  );
  return access.known ? access.mayChangeOtherUsers : !refused;
}
