import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { peopleQueries, personName } from '../api/people-queries';

/** Says plainly whose profile is open, whenever it is not the user's own. */
export function PersonBanner({
  userId,
  editing,
  readOnly,
}: {
  userId: string;
  editing?: boolean;
  /** The signed-in person may read this profile but not change it. */
  readOnly?: boolean;
}) {
  const person = useQuery(peopleQueries.person(userId));
  const name = person.data ? personName(person.data) : 'another person';
  return (
    <MessageBar intent="info" layout="multiline" role="note" aria-label="Whose profile">
      <MessageBarBody>
        {editing ? (
          <>
            You're editing <strong>{name}</strong>'s profile.{' '}
          </>
        ) : (
          <>
            This is <strong>{name}</strong>'s profile.{' '}
          </>
        )}
        {readOnly
          ? 'You can see their positions but not change them: that takes an administrator role that may update users, such as User Administrator.'
          : 'Changes are saved to their Microsoft 365 profile, with you named as the editor.'}
      </MessageBarBody>
    </MessageBar>
  );
}
