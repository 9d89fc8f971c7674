import { createFileRoute } from '@tanstack/react-router';
import { OrganisationChangePage } from '../../pages/organisation-pages';

export const Route = createFileRoute('/organisation/change')({ component: OrganisationChangePage });
