import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { isLeavingToSignIn } from '../../../auth/tokens';
import { addNavigationBlocker, type PendingNavigation } from '../../../lib/router';

/**
 * While `active`, leaving asks first: closing or reloading the tab through the browser's
 * own prompt, in-app links and Back/Forward through a dialog.
 */
export function useUnsavedChangesGuard(active: boolean, stillDirty: () => boolean) {
  const [pending, setPending] = useState<PendingNavigation | null>(null);
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!stillDirty() || isLeavingToSignIn()) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeBlocker = addNavigationBlocker((navigation) => {
      // Checked at the moment of leaving: a save that just finished may not have re-rendered yet.
      if (!stillDirty()) return false;
      setPending(navigation);
      return true;
    });
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeBlocker();
    };
  }, [active, stillDirty]);
  return {
    pending,
    stay: () => {
      pending?.cancel();
      setPending(null);
    },
    leave: () => {
      const navigation = pending;
      setPending(null);
      navigation?.proceed();
    },
  };
}

export function UnsavedChangesDialog({
  open,
  onStay,
  onLeave,
}: {
  open: boolean;
  onStay: () => void;
  onLeave: () => void;
}) {
  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open) onStay();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Leave without saving?</DialogTitle>
          <DialogContent>
            Your changes to this position aren't saved yet. If you leave now, they're discarded.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onStay}>
              Keep editing
            </Button>
            <Button appearance="secondary" onClick={onLeave}>
              Discard changes
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
