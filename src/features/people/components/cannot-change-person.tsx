import { Text } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { LinkButton } from '../../../components/link-button';
import { PageLayout } from '../../../components/page-layout';
import { peopleQueries, personName } from '../api/people-queries';

/**
 * In place of the editor of someone else's position, for a person who may only read it
 * (a bookmark or a typed address): nothing to type into, and the way back to reading.
 */
export function CannotChangePerson({ userId }: { userId: string }) {
  const person = useQuery(peopleQueries.person(userId));
  const name = person.data ? personName(person.data) : 'this person';
  return (
    <PageLayout title="You can't change this profile">
      <Text as="p" style={{ margin: 0 }}>
        You can see {name}'s positions but not change them: changing someone else's profile takes an
        administrator role that may update users, such as User Administrator.
      </Text>
      <div>
        <LinkButton to="/people/$userId" params={{ userId }}>
          Back to {name}'s positions
        </LinkButton>
      </div>
    </PageLayout>
  );
}
