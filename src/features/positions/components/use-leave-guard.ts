import { useBlocker, type ShouldBlockFn } from '@tanstack/react-router';
import { createContext, useCallback, useContext } from 'react';
import { isLeavingToSignIn } from '../../../auth/tokens';

/** Asks whether to leave unsaved changes behind; resolves true to leave. */
export type ConfirmLeave = () => Promise<boolean>;

export const LeaveConfirmationContext = createContext<ConfirmLeave | null>(null);

/**
 * While something is unsaved, leaving asks first: in-app links and Back/Forward are held
 * by the router while UnsavedChangesDialog asks (LeaveConfirmationProvider, which stays
 * up while the page goes), reloading or closing the tab gets the browser's own prompt.
 * `isDirty` is asked at the moment of leaving, so a save that has just finished lets the
 * page go at once; `onLeave` runs when the user chooses to leave. Neither a change of the
 * address's hash or search (the same page) nor leaving to sign in again asks: what is
 * unsaved is kept as a draft then.
 */
export function useLeaveGuard(isDirty: () => boolean, onLeave: () => void): void {
  const confirmLeave = useContext(LeaveConfirmationContext);
  if (!confirmLeave) throw new Error('useLeaveGuard needs a LeaveConfirmationProvider above it.');
  const shouldBlockFn = useCallback<ShouldBlockFn>(
    async ({ current, next }) => {
      if (current.pathname === next.pathname || !isDirty()) return false;
      const leave = await confirmLeave();
      if (leave) onLeave();
      return !leave;
    },
    [confirmLeave, isDirty, onLeave],
  );
  const enableBeforeUnload = useCallback(() => isDirty() && !isLeavingToSignIn(), [isDirty]);
  useBlocker({ shouldBlockFn, enableBeforeUnload });
}
