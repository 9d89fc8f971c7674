import {
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { usePositions } from '../api/use-positions';
import { newPositionLink } from '../position-links';
import type { OwnerId, Position } from '../types';
import { sortPositions } from '../utils/sort-positions';
import { PositionCard } from './position-card';
import { PositionsSkeleton } from './positions-skeleton';

// Dialogs stay out of the first page's JavaScript until someone asks to delete.
const loadDeleteDialog = () => import('./delete-position-dialog');
const DeletePositionDialog = lazy(loadDeleteDialog);

/** Performance mark set when the first positions list has been painted. */
export const LIST_PAINTED = 'profile-editor:positions-list-painted';

const useStyles = makeStyles({
  list: { display: 'grid', gap: '12px', margin: 0, padding: 0 },
  empty: {
    display: 'grid',
    gap: '12px',
    justifyItems: 'start',
    padding: '24px',
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
});

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
  const styles = useStyles();
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
        {positions.failureCount > 0 && <RetryingNotice />}
        <PositionsSkeleton />
      </>
    );
  }
  if (positions.isError) {
    return (
      <GraphErrorMessage
        error={positions.error}
        action="Loading positions"
        onRetry={() => void positions.refetch()}
      />
    );
  }
  if (positions.data.length === 0) {
    return (
      <div className={styles.empty}>
        <Text weight="semibold" as="h2" size={400}>
          No positions yet
        </Text>
        <Text>{emptyText}</Text>
        {canEdit && (
          <LinkButton appearance="primary" {...newPositionLink(owner)}>
            Add position
          </LinkButton>
        )}
      </div>
    );
  }
  return (
    <>
      {positions.isRefetching && positions.failureCount > 0 && <RetryingNotice />}
      <ul className={styles.list} aria-label="Positions">
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

function RetryingNotice() {
  return (
    <MessageBar intent="warning" layout="multiline" role="status">
      <MessageBarBody>Microsoft Graph is busy; trying again…</MessageBarBody>
    </MessageBar>
  );
}

export function AddPositionButton({ owner }: { owner: OwnerId }) {
  return (
    <LinkButton appearance="primary" {...newPositionLink(owner)}>
      Add position
    </LinkButton>
  );
}
