import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';

/**
 * Asks before unsaved changes are left behind (useLeaveGuard holds the move meanwhile).
 * Render it only while asking: a Fluent Dialog, even closed, sets up Tabster's modal
 * support, which puts aria-hidden yet focusable sentinels on <body> (axe's
 * aria-hidden-focus, and Lighthouse's accessibility score with it).
 */
export function UnsavedChangesDialog({
  onStay,
  onLeave,
}: {
  onStay: () => void;
  onLeave: () => void;
}) {
  return (
    <Dialog
      open
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
