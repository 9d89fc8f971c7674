import { useMsal } from '@azure/msal-react';
import { Button, Spinner, makeStyles } from '@fluentui/react-components';
import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useDeferredValue, useRef, useState, type ReactNode } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { useNotify } from '../../../components/use-notify';
import { PageLayout } from '../../../components/page-layout';
import { TextLink } from '../../../components/text-link';
import { GraphError } from '../../../graph/graph-error';
import { usePosition } from '../api/use-positions';
import { draftKey } from '../utils/draft-keys';
import { positionLink, positionListLink } from '../position-links';
import type { OwnerId, Position } from '../types';
import { PositionForm } from './position-form/position-form';

const DeletePositionDialog = lazy(() => import('./delete-position-dialog'));

const useStyles = makeStyles({ back: { justifySelf: 'start' } });

export interface PositionEditorPageProps {
  owner: OwnerId;
  /** Absent: a new position. */
  positionId?: string;
  /** Says whose profile this is, when it is not the user's own. */
  banner?: ReactNode;
}

function BackLink({ owner }: { owner: OwnerId }) {
  const styles = useStyles();
  return (
    <TextLink className={styles.back} {...positionListLink(owner)}>
      ← Back to positions
    </TextLink>
  );
}

/** Moves to a position's own page once it is saved under an id it did not have (no prompt: nothing is unsaved). */
function useOpenSaved(owner: OwnerId) {
  const navigate = useNavigate();
  return (saved: Position) =>
    void navigate({ ...positionLink(owner, saved.id), replace: true, ignoreBlocker: true });
}

/** Drafts are kept per signed-in user, so two people sharing a browser never see each other's. */
function useDraftKeyFor(owner: OwnerId): ((positionId: string | undefined) => string) | undefined {
  const { instance } = useMsal();
  const userId = instance.getActiveAccount()?.localAccountId;
  return userId ? (positionId) => draftKey(userId, owner, positionId) : undefined;
}

function EditPosition({ owner, position }: { owner: OwnerId; position: Position }) {
  const notify = useNotify();
  const navigate = useNavigate();
  const openSaved = useOpenSaved(owner);
  const [deleting, setDeleting] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <PositionForm
        key={position.id}
        owner={owner}
        position={position}
        draftKeyFor={useDraftKeyFor(owner)}
        onSaved={(saved) => {
          notify('Position saved.');
          // Added again after someone else deleted it: its page is the new one's.
          if (saved.id !== position.id) openSaved(saved);
        }}
        extraActions={
          <Button appearance="subtle" ref={deleteButton} onClick={() => setDeleting(true)}>
            Delete position
          </Button>
        }
      />
      {deleting && (
        <Suspense fallback={null}>
          <DeletePositionDialog
            owner={owner}
            position={position}
            onClose={() => {
              setDeleting(false);
              requestAnimationFrame(() => deleteButton.current?.focus());
            }}
            onDeleted={() => void navigate({ ...positionListLink(owner), replace: true })}
          />
        </Suspense>
      )}
    </>
  );
}

function NewPosition({ owner }: { owner: OwnerId }) {
  const notify = useNotify();
  const openSaved = useOpenSaved(owner);
  return (
    <PositionForm
      owner={owner}
      draftKeyFor={useDraftKeyFor(owner)}
      onSaved={(created) => {
        notify('Position added.');
        openSaved(created);
      }}
    />
  );
}

/** The editor route: loads the position (from the list's cache when it can) and shows the form. */
export default function PositionEditorPage({ owner, positionId, banner }: PositionEditorPageProps) {
  if (!positionId) {
    return (
      <PageLayout title="Add a position">
        <BackLink owner={owner} />
        {banner}
        <NewPosition owner={owner} />
      </PageLayout>
    );
  }
  return <ExistingPosition owner={owner} positionId={positionId} banner={banner} />;
}

function ExistingPosition({
  owner,
  positionId,
  banner,
}: {
  owner: OwnerId;
  positionId: string;
  banner?: ReactNode;
}) {
  const query = usePosition(owner, positionId);
  // The form is most of the page's work: drawn in the background, in slices the browser can
  // interleave with input and painting, rather than in one long task when Graph answers.
  const position = useDeferredValue(query.data);
  return (
    <PageLayout title="Edit position">
      <BackLink owner={owner} />
      {banner}
      {(query.isPending || (query.data && !position)) && <Spinner label="Loading the position…" />}
      {query.isError &&
        (query.error instanceof GraphError && query.error.status === 404 ? (
          <>
            <GraphErrorMessage error={query.error} action="Opening the position" />
            <LinkButton {...positionListLink(owner)}>Back to positions</LinkButton>
          </>
        ) : (
          <GraphErrorMessage
            error={query.error}
            action="Loading the position"
            onRetry={() => void query.refetch()}
          />
        ))}
      {position && <EditPosition owner={owner} position={position} />}
    </PageLayout>
  );
}
