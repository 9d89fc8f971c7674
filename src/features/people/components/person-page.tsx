import { Spinner, Text } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMayChangeOthers } from '../../../auth/use-role-access';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { PageLayout } from '../../../components/page-layout';
import { GraphError } from '../../../graph/graph-error';
import { AddPositionButton, PositionsList } from '../../positions/components/positions-list';
import { peopleQueries, personName } from '../api/people-queries';
import { isAccessProblem } from '../utils/access-problem';
import { AccessProblem } from './access-problem';
import { PersonBanner } from './person-banner';

/** Someone else's positions, at a URL of its own (by user id), so it can be bookmarked and shared. */
export function PersonPage({ userId }: { userId: string }) {
  const person = useQuery(peopleQueries.person(userId));
  const mayChange = useMayChangeOthers();
  if (person.isPending) {
    return (
      <PageLayout title="Loading profile…" focusTitle={false}>
        <Spinner label="Loading their profile…" />
      </PageLayout>
    );
  }
  if (person.isError) {
    const notFound = person.error instanceof GraphError && person.error.status === 404;
    return (
      <PageLayout title={notFound ? 'Person not found' : 'Profile unavailable'}>
        {notFound ? (
          <GraphErrorMessage error={person.error} action="Opening this profile" />
        ) : isAccessProblem(person.error) ? (
          <AccessProblem
            error={person.error}
            action="Opening this profile"
            onRetry={() => void person.refetch()}
          />
        ) : (
          <GraphErrorMessage
            error={person.error}
            action="Opening this profile"
            onRetry={() => void person.refetch()}
          />
        )}
        <LinkButton to="/people">Back to People</LinkButton>
      </PageLayout>
    );
  }
  const name = personName(person.data);
  const details = [person.data.jobTitle, person.data.department].filter(Boolean).join(' · ');
  return (
    <PageLayout
      title={`${name}'s positions`}
      actions={mayChange ? <AddPositionButton owner={userId} /> : undefined}
    >
      {details && <Text dir="auto">{details}</Text>}
      <PersonBanner userId={userId} readOnly={!mayChange} />
      <PositionsList
        owner={userId}
        canEdit={mayChange}
        emptyText={`${name} has no positions on their profile yet.`}
      />
    </PageLayout>
  );
}
