import { Button, Link, Spinner, makeStyles } from '@fluentui/react-components';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { useNotify } from '../../../components/notifier';
import { PageLayout } from '../../../components/page-layout';
import { GraphError } from '../../../graph/graph-error';
import { handleLinkClick, navigate } from '../../../lib/router';
import { useCreatePosition } from '../api/create-position';
import { useUpdatePosition } from '../api/update-position';
import { usePosition } from '../api/use-positions';
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
  return <Link className={styles.back} href={to} onClick={(event) => handleLinkClick(event, to)}>← Back to positions</Link>;
}

function EditPosition({ owner, position, listPath }: { owner: OwnerId; position: Position; listPath: string }) {
  const update = useUpdatePosition(owner, position.id);
  const notify = useNotify();
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <PositionForm
        key={position.id}
        position={position}
        onSave={(patch, base) => update.mutateAsync({ patch, etag: base?.['@odata.etag'] })}
        onSaved={() => notify('Position saved.')}
        save={update}
        extraActions={<Button appearance="subtle" onClick={() => setDeleting(true)}>Delete position</Button>}
      />
      {deleting && (
        <Suspense fallback={null}>
          <DeletePositionDialog owner={owner} position={position} onClose={() => setDeleting(false)} onDeleted={() => navigate(listPath, { replace: true })} />
        </Suspense>
      )}
    </>
  );
}

function NewPosition({ owner, editPath }: { owner: OwnerId; editPath: (id: string) => string }) {
  const create = useCreatePosition(owner);
  const notify = useNotify();
  return (
    <PositionForm
      onSave={(body) => create.mutateAsync(body)}
      onSaved={(created) => {
        notify('Position added.');
        navigate(editPath(created.id), { replace: true });
      }}
      save={create}
    />
  );
}

/** The editor route: loads the position (from the list's cache when it can) and shows the form. */
export default function PositionEditorPage({ owner, positionId, listPath, editPath, banner }: PositionEditorPageProps) {
  if (!positionId) {
    return (
      <PageLayout title="Add a position">
        <BackLink to={listPath} />
        {banner}
        <NewPosition owner={owner} editPath={editPath} />
      </PageLayout>
    );
  }
  return <ExistingPosition owner={owner} positionId={positionId} listPath={listPath} banner={banner} />;
}

function ExistingPosition({ owner, positionId, listPath, banner }: { owner: OwnerId; positionId: string; listPath: string; banner?: ReactNode }) {
  const query = usePosition(owner, positionId);
  return (
    <PageLayout title="Edit position">
      <BackLink to={listPath} />
      {banner}
      {query.isPending && <Spinner label="Loading the position…" />}
      {query.isError && (query.error instanceof GraphError && query.error.status === 404 ? (
        <>
          <GraphErrorMessage error={query.error} action="Opening the position" />
          <LinkButton to={listPath}>Back to positions</LinkButton>
        </>
      ) : (
        <GraphErrorMessage error={query.error} action="Loading the position" onRetry={() => query.refetch()} />
      ))}
      {query.data && <EditPosition owner={owner} position={query.data} listPath={listPath} />}
    </PageLayout>
  );
}
