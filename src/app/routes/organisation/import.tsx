import { createFileRoute } from '@tanstack/react-router';
import { OrganisationImportPage } from '../../pages/organisation-pages';

export const Route = createFileRoute('/organisation/import')({ component: OrganisationImportPage });
