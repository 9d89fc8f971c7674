import { createFileRoute } from '@tanstack/react-router';
import { OrganisationJobPage } from '../../../pages/organisation-pages';

export const Route = createFileRoute('/organisation/jobs/$jobId')({
  component: OrganisationJobPage,
});
