import { useMsal } from '@azure/msal-react';
import { Button, Link, Spinner, makeStyles } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { useNotify } from '../../../components/use-notify';
import { PageLayout } from '../../../components/page-layout';
import { GraphError } from '../../../graph/graph-error';
import { handleLinkClick, navigate } from '../../../lib/router';
import { storePosition } from '../api/cache';
import { useCreatePosition } from '../api/create-position';
import { updatePosition, useUpdatePosition } from '../api/update-position';
import { usePosition, useReloadPosition } from '../api/use-positions';
import { draftKey } from '../utils/draft-keys';
import type { OwnerId, Position } from '../types';
import { PositionForm } from './position-form/position-form';

const DeletePositionDialog = lazy(() => import('./delete-position-dialog'));

const useStyles = makeStyles({ back: { justifySelf: 'start' } });

export interface PositionEditorPageProps {
  owner: OwnerId;
  /** Absent: a new position. */
  positionId?: string;
  listPath: string;
  editPath: (positionId: string) => string;
  /** Says whose profile this is, when it is not the user's own. */
  banner?: ReactNode;
}

function BackLink({ to }: { to: string }) {
  const styles = useStyles();
  return (
    <Link className={styles.back} href={to} onClick={(event) => handleLinkClick(event, to)}>
      ← Back to positions
    </Link>
  );
}

/** Drafts are kept per signed-in user, so two people sharing a browser never see each other's. */
function useDraftKeyFor(owner: OwnerId): ((positionId: string | undefined) => string) | undefined {
  const { instance } = useMsal();
  const userId = instance.getActiveAccount()?.localAccountId;
  return userId ? (positionId) => draftKey(userId, owner, positionId) : undefined;
}

function EditPosition({
  owner,
  position,
  listPath,
  editPath,
}: {
  owner: OwnerId;
  position: Position;
  listPath: string;
  editPath: (id: string) => string;
}) {
  const update = useUpdatePosition(owner, position.id);
  const create = useCreatePosition(owner);
  const reload = useReloadPosition(owner, position.id);
  const notify = useNotify();
  const [deleting, setDeleting] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <PositionForm
        key={position.id}
        position={position}
        draftKeyFor={useDraftKeyFor(owner)}
        onSave={(patch, base) => update.mutateAsync({ patch, etag: base?.['@odata.etag'] })}
        onReload={reload}
        onRecreate={(body) => create.mutateAsync(body)}
        onSaved={(saved) => {
          notify('Position saved.');
          if (saved.id !== position.id) navigate(editPath(saved.id), { replace: true });
        }}
        save={update}
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
            onDeleted={() => navigate(listPath, { replace: true })}
          />
        </Suspense>
      )}
    </>
  );
}

function NewPosition({ owner, editPath }: { owner: OwnerId; editPath: (id: string) => string }) {
  const create = useCreatePosition(owner);
  const queryClient = useQueryClient();
  const notify = useNotify();
  return (
    <PositionForm
      draftKeyFor={useDraftKeyFor(owner)}
      onSave={async (body, base) => {
        if (!base) return create.mutateAsync(body);
        // Already added (the page could not move on yet): further saves change it, never add another.
        const saved = await updatePosition({
          owner,
          id: base.id,
          patch: body,
          etag: base['@odata.etag'],
        });
        storePosition(queryClient, owner, saved);
        return saved;
      }}
      onSaved={(created) => {
        notify('Position added.');
        navigate(editPath(created.id), { replace: true });
      }}
      save={create}
    />
  );
}

/** The editor route: loads the position (from the list's cache when it can) and shows the form. */
export default function PositionEditorPage({
  owner,
  positionId,
  listPath,
  editPath,
  banner,
}: PositionEditorPageProps) {
  if (!positionId) {
    return (
      <PageLayout title="Add a position">
        <BackLink to={listPath} />
        {banner}
        <NewPosition owner={owner} editPath={editPath} />
      </PageLayout>
    );
  }
  return (
    <ExistingPosition
      owner={owner}
      positionId={positionId}
      listPath={listPath}
      editPath={editPath}
      banner={banner}
    />
  );
}

function ExistingPosition({
  owner,
  positionId,
  listPath,
  editPath,
  banner,
}: {
  owner: OwnerId;
  positionId: string;
  listPath: string;
  editPath: (id: string) => string;
  banner?: ReactNode;
}) {
  const query = usePosition(owner, positionId);
  return (
    <PageLayout title="Edit position">
      <BackLink to={listPath} />
      {banner}
      {query.isPending && <Spinner label="Loading the position…" />}
      {query.isError &&
        (query.error instanceof GraphError && query.error.status === 404 ? (
          <>
            <GraphErrorMessage error={query.error} action="Opening the position" />
            <LinkButton to={listPath}>Back to positions</LinkButton>
          </>
        ) : (
          <GraphErrorMessage
            error={query.error}
            action="Loading the position"
            onRetry={() => void query.refetch()}
          />
        ))}
      {query.data && (
        <EditPosition owner={owner} position={query.data} listPath={listPath} editPath={editPath} />
      )}
    </PageLayout>
  );
}
