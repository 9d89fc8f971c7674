import { createFileRoute } from '@tanstack/react-router';
import { OrganisationReviewPage } from '../../pages/organisation-pages';

export const Route = createFileRoute('/organisation/')({ component: OrganisationReviewPage });
