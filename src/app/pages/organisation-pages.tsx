import { useParams } from '@tanstack/react-router';
import { ChangePage } from '../../features/organisation/components/change-page';
import { ImportPage } from '../../features/organisation/components/import-page';
import { JobPage } from '../../features/organisation/components/job-page';
import { OrganisationPage } from '../../features/organisation/components/organisation-page';

/*
 * The Organisation area's pages, in one module: one chunk for the whole area, loaded when
 * an administrator first opens it (a chunk per page split Fluent UI's shared code into
 * more, smaller chunks, which made the first page and the whole bundle larger).
 */

/** The directory as a table: filter, sort, select. */
export function OrganisationReviewPage() {
  return <OrganisationPage />;
}

/** A change to the selected people's current positions. */
export function OrganisationChangePage() {
  return <ChangePage />;
}

export function OrganisationImportPage() {
  return <ImportPage />;
}

/** A bulk job's progress and report, by its id (jobs live in this browser's journal). */
export function OrganisationJobPage() {
  const { jobId } = useParams({ from: '/organisation/jobs/$jobId' });
  return <JobPage jobId={jobId} />;
}
