import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { PeoplePage } from '../../features/people/components/people-page';
import { PersonPage } from '../../features/people/components/person-page';

/** People, with the search term kept in the address (`/people?q=lee`). */
export function PeopleSearchPage() {
  const { q } = useSearch({ from: '/people/' });
  const navigate = useNavigate({ from: '/people/' });
  return (
    <PeoplePage
      searchTerm={q ?? ''}
      onSearchTermChange={(term) =>
        void navigate({
          search: { q: term === '' ? undefined : term },
          replace: true,
          resetScroll: false,
        })
      }
    />
  );
}

/** Someone's positions, by their user id, so the page can be bookmarked and shared. */
export function PersonProfilePage() {
  const { userId } = useParams({ from: '/people/$userId/' });
  return <PersonPage userId={userId} />;
}
