import { lazy, Suspense, useCallback, useRef, useState, type ReactNode } from 'react';
import { LeaveConfirmationContext, type ConfirmLeave } from './use-leave-guard';

const UnsavedChangesDialog = lazy(() =>
  import('./unsaved-changes').then((module) => ({ default: module.UnsavedChangesDialog })),
);

/**
 * Where "Leave without saving?" is asked (useLeaveGuard). It sits above the pages, so the
 * dialog closes in its own time while the page it was asked for goes: a modal dialog
 * removed with its page mid-animation left the app hidden from screen readers.
 */
export function LeaveConfirmationProvider({ children }: { children: ReactNode }) {
  const answer = useRef<((leave: boolean) => void) | null>(null);
  const [asking, setAsking] = useState(false);
  const [asked, setAsked] = useState(false);
  const confirmLeave = useCallback<ConfirmLeave>(
    () =>
      new Promise<boolean>((resolve) => {
        answer.current?.(false);
        answer.current = resolve;
        setAsked(true);
        setAsking(true);
      }),
    [],
  );
  const reply = (leave: boolean) => {
    answer.current?.(leave);
    answer.current = null;
    setAsking(false);
  };
  return (
    <LeaveConfirmationContext.Provider value={confirmLeave}>
      {children}
      {asked && (
        <Suspense fallback={null}>
          <UnsavedChangesDialog
            open={asking}
            onStay={() => reply(false)}
            onLeave={() => reply(true)}
          />
        </Suspense>
      )}
    </LeaveConfirmationContext.Provider>
  );
}
