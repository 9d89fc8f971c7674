import { useParams } from '@tanstack/react-router';
import type { RoleAccess } from '../../auth/directory-roles';
import { useRoleAccess } from '../../auth/use-role-access';
import { CannotChangePerson } from '../../features/people/components/cannot-change-person';
import { PersonBanner } from '../../features/people/components/person-banner';
import PositionEditorPage from '../../features/positions/components/position-editor-page';

/**
 * Known from the person's roles to be unable to change others: no editor at all. (When
 * the roles are not known, the editor opens, and Graph's 403 on a save turns it read-only
 * with what was typed still in it.)
 */
const mayOnlyRead = (access: RoleAccess) => access.known && !access.mayChangeOtherUsers;

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
  if (mayOnlyRead(useRoleAccess())) return <CannotChangePerson userId={userId} />;
  return <PositionEditorPage owner={userId} banner={<PersonBanner userId={userId} editing />} />;
}

/** Editing one of someone else's positions. */
export function EditTheirPosition() {
  const { userId, positionId } = useParams({ from: '/people/$userId/positions/$positionId' });
  if (mayOnlyRead(useRoleAccess())) return <CannotChangePerson userId={userId} />;
  return (
    <PositionEditorPage
      owner={userId}
      positionId={positionId}
      banner={<PersonBanner userId={userId} editing />}
    />
  );
}
