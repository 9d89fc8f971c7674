import { createFileRoute } from '@tanstack/react-router';
import { peopleSearchSchema } from '../../../features/people/people-search';
import { PeopleSearchPage } from '../../pages/people-pages';

export const Route = createFileRoute('/people/')({
  validateSearch: peopleSearchSchema,
  component: PeopleSearchPage,
});
