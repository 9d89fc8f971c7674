import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useNotify } from '../../../components/use-notify';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { useDeletePosition } from '../api/delete-position';
import type { OwnerId, Position } from '../types';
import { presentText } from '../../../graph/graph-answer';

/** Asks before deleting; the list drops the position when Graph confirms. */
export default function DeletePositionDialog({
  owner,
  position,
  onClose,
  onDeleted,
}: {
  owner: OwnerId;
  position: Position;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const remove = useDeletePosition(owner, position.id);
  const notify = useNotify();
  const title = presentText(position.detail?.jobTitle) ?? 'this position';
  const company = position.detail?.company?.displayName;

  function confirm() {
    remove.mutate(undefined, {
      onSuccess: () => {
        notify(`Deleted ${title}${company ? ` at ${company}` : ''}.`);
        onClose();
        onDeleted?.();
        // The row and its Delete button are gone: put focus on the page heading.
        requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
      },
    });
  }

  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !remove.isPending) onClose();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete this position?</DialogTitle>
          <DialogContent style={{ display: 'grid', gap: 12 }}>
            <p style={{ margin: 0, overflowWrap: 'anywhere' }}>
              <strong dir="auto">{title}</strong>
              {company ? (
                <>
                  {' '}
                  at <span dir="auto">{company}</span>
                </>
              ) : null}{' '}
              will be removed from the profile. This can't be undone.
            </p>
            {remove.isPending && remove.failureCount > 0 && (
              <p role="status" style={{ margin: 0 }}>
                Microsoft Graph is busy; trying again…
              </p>
            )}
            {remove.isError && (
              <GraphErrorMessage error={remove.error} action="Deleting the position" />
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              onClick={confirm}
              disabled={remove.isPending}
              icon={remove.isPending ? <Spinner size="tiny" aria-hidden /> : undefined}
            >
              {remove.isPending ? 'Deleting…' : remove.isError ? 'Try again' : 'Delete'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
