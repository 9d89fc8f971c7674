import { useBlocker, type ShouldBlockFn } from '@tanstack/react-router';
import { useCallback } from 'react';
import { isLeavingToSignIn } from '../../../auth/tokens';

/**
 * While something is unsaved, leaving asks first: in-app links and Back/Forward are held
 * by the router (the caller asks with UnsavedChangesDialog, then calls `proceed` or
 * `reset`), reloading or closing the tab gets the browser's own prompt. `isDirty` is asked
 * at the moment of leaving, so a save that has just finished lets the page go at once.
 * Neither a change of the address's hash or search (the same page) nor leaving to sign in
 * again asks: what is unsaved is kept as a draft then.
 */
export function useLeaveGuard(isDirty: () => boolean) {
  const shouldBlockFn = useCallback<ShouldBlockFn>(
    ({ current, next }) => current.pathname !== next.pathname && isDirty(),
    [isDirty],
  );
  const enableBeforeUnload = useCallback(() => isDirty() && !isLeavingToSignIn(), [isDirty]);
  return useBlocker({ shouldBlockFn, enableBeforeUnload, withResolver: true });
}
