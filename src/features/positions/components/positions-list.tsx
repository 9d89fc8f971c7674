import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Spinner } from '../../../components/plain';
import { buttonClass } from '../../../components/plain-classes';
import { LIST_PAINTED } from '../../../lib/after-first-screen';
import { usePositions } from '../api/use-positions';
import { newPositionLink } from '../position-links';
import type { OwnerId, Position } from '../types';
import { sortPositions } from '../utils/sort-positions';
import { PositionCard } from './position-card';
import { PositionsSkeleton } from './positions-skeleton';

// Dialogs stay out of the first page's JavaScript until someone asks to delete; so do the
// messages of a failed or retried load (Fluent UI's MessageBar): the list itself is plain.
const loadDeleteDialog = () => import('./delete-position-dialog');
const DeletePositionDialog = lazy(loadDeleteDialog);
const GraphErrorMessage = lazy(() =>
  import('../../../components/graph-error-message').then((module) => ({
    default: module.GraphErrorMessage,
  })),
);
const RetryingNotice = lazy(() => import('./retrying-notice'));

/** An owner's positions: loading, error, empty and listed, with edit and delete on each. */
export function PositionsList({
  owner,
  canEdit = true,
  emptyText,
}: {
  owner: OwnerId;
  /** False for someone else's positions when the signed-in person may only read them. */
  canEdit?: boolean;
  emptyText: string;
}) {
  const positions = usePositions(owner);
  const [toDelete, setToDelete] = useState<Position>();
  // The Delete button that opened the dialog: focus goes back to it when the dialog closes.
  const deleteTrigger = useRef<HTMLElement | null>(null);
  const hasData = positions.data !== undefined;

  // A User Timing mark once the first list is on screen: what `npm run bench` measures.
  useEffect(() => {
    if (!hasData || performance.getEntriesByName(LIST_PAINTED).length > 0) return;
    requestAnimationFrame(() => performance.mark(LIST_PAINTED));
  }, [hasData]);

  if (positions.isPending) {
    return (
      <>
        {positions.failureCount > 0 && (
          <Suspense fallback={null}>
            <RetryingNotice />
          </Suspense>
        )}
        <PositionsSkeleton />
      </>
    );
  }
  if (positions.isError) {
    return (
      <Suspense fallback={<Spinner size="tiny" label="Loading positions…" />}>
        <GraphErrorMessage
          error={positions.error}
          action="Loading positions"
          onRetry={() => void positions.refetch()}
        />
      </Suspense>
    );
  }
  if (positions.data.length === 0) {
    return (
      <div className="pe-empty">
        <h2 className="pe-empty__title pe-subtitle2">No positions yet</h2>
        <span>{emptyText}</span>
        {canEdit && (
          <Link className={buttonClass('primary')} {...newPositionLink(owner)}>
            Add position
          </Link>
        )}
      </div>
    );
  }
  return (
    <>
      {positions.isRefetching && positions.failureCount > 0 && (
        <Suspense fallback={null}>
          <RetryingNotice />
        </Suspense>
      )}
      <ul className="pe-list" aria-label="Positions">
        {sortPositions(positions.data).map((position) => (
          <PositionCard
            key={position.id}
            owner={owner}
            position={position}
            canEdit={canEdit}
            onDelete={(chosen) => {
              deleteTrigger.current = document.activeElement as HTMLElement | null;
              void loadDeleteDialog();
              setToDelete(chosen);
            }}
          />
        ))}
      </ul>
      {toDelete && (
        <Suspense fallback={<Spinner size="tiny" label="Opening…" />}>
          <DeletePositionDialog
            owner={owner}
            position={toDelete}
            onClose={() => {
              setToDelete(undefined);
              requestAnimationFrame(
                () => deleteTrigger.current?.isConnected && deleteTrigger.current.focus(),
              );
            }}
          />
        </Suspense>
      )}
    </>
  );
}

export function AddPositionButton({ owner }: { owner: OwnerId }) {
  return (
    <Link className={buttonClass('primary')} {...newPositionLink(owner)}>
      Add position
    </Link>
  );
}
