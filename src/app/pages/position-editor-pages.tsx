import { useParams } from '@tanstack/react-router';
import { PersonBanner } from '../../features/people/components/person-banner';
import PositionEditorPage from '../../features/positions/components/position-editor-page';

/** Adding a position to my profile. */
export function AddMyPosition() {
  return <PositionEditorPage owner="me" />;
}

/** Editing one of my positions. */
export function EditMyPosition() {
  const { positionId } = useParams({ from: '/positions/$positionId' });
  return <PositionEditorPage owner="me" positionId={positionId} />;
}

/** Adding a position to someone else's profile. */
export function AddTheirPosition() {
  const { userId } = useParams({ from: '/people/$userId/positions/new' });
  return <PositionEditorPage owner={userId} banner={<PersonBanner userId={userId} editing />} />;
}

/** Editing one of someone else's positions. */
export function EditTheirPosition() {
  const { userId, positionId } = useParams({ from: '/people/$userId/positions/$positionId' });
  return (
    <PositionEditorPage
      owner={userId}
      positionId={positionId}
      banner={<PersonBanner userId={userId} editing />}
    />
  );
}
