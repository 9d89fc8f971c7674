import {
  Field,
  SearchBox,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useAdminConsentAnswer } from '../../../auth/admin-consent';
import { useMayChangeOthers } from '../../../auth/use-role-access';
import { AdminConsentOutcome } from '../../../components/admin-consent';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { PageLayout } from '../../../components/page-layout';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { peopleQueries, searchTermForGraph } from '../api/people-queries';
import { isAccessProblem } from '../utils/access-problem';
import { countPeople } from '../utils/count-people';
import { AccessProblem } from './access-problem';
import { PagedPeople } from './paged-people';

const useStyles = makeStyles({
  section: { display: 'grid', gap: '8px' },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The signed-in user's direct reports, and a directory search as you type. The search
 * term is kept by the page's address (`searchTerm`, reported back as it settles), so a
 * reload or a shared link keeps it.
 */
export function PeoplePage({
  searchTerm,
  onSearchTermChange,
}: {
  searchTerm: string;
  onSearchTermChange: (term: string) => void;
}) {
  const styles = useStyles();
  const reports = useInfiniteQuery(peopleQueries.directReports());
  const mayChange = useMayChangeOthers();
  const [consentAnswer, dismissConsentAnswer] = useAdminConsentAnswer();
  const outcome = consentAnswer && (
    <AdminConsentOutcome answer={consentAnswer} onDismiss={dismissConsentAnswer} />
  );
  const [text, setText] = useState(searchTerm);
  const debounced = useDebouncedValue(text, 300);
  const term = searchTermForGraph(debounced);
  const closed = reports.isError && isAccessProblem(reports.error);
  const search = useInfiniteQuery({
    ...peopleQueries.search(debounced),
    enabled: term.length > 0 && !closed,
  });

  // Once typing settles, the address follows.
  const settled = term ? debounced.trim() : '';
  useEffect(() => {
    if (settled !== searchTerm) onSearchTermChange(settled);
  }, [settled, searchTerm, onSearchTermChange]);

  if (closed) {
    return (
      <PageLayout title="People">
        {outcome}
        <AccessProblem
          error={reports.error}
          action="Opening People"
          onRetry={() => void reports.refetch()}
        />
      </PageLayout>
    );
  }

  // The first call needs the `.All` permission, which may not be granted: show nothing to
  // type into until that is known.
  if (reports.isPending) {
    return (
      <PageLayout title="People">
        <Spinner label="Checking your access to other people's profiles…" />
      </PageLayout>
    );
  }

  const typing = text.trim() !== debounced.trim();
  const found = search.data?.pages.flatMap((page) => page.entries).length ?? 0;
  const reportCount = reports.data?.pages[0]?.entries.length ?? 0;
  return (
    <PageLayout title="People">
      {outcome}
      <Text>
        {mayChange
          ? 'Keep the positions of the people you look after current. Choose someone to see and edit their profile.'
          : "See your colleagues' positions. Choose someone to see their profile; changing it takes an administrator role that may update users, such as User Administrator."}
      </Text>
      <section className={styles.section} aria-labelledby="people-search-heading">
        <h2 id="people-search-heading" className={styles.heading}>
          Find someone
        </h2>
        <Field
          label="Search the directory by name"
          hint="Type a first or last name, e.g. Lee or Gu"
        >
          <SearchBox value={text} onChange={(_, data) => setText(data.value)} autoComplete="off" />
        </Field>
        <div aria-live="polite" role="status" className={styles.muted}>
          {term &&
            !typing &&
            search.isSuccess &&
            (found === 0
              ? `No one in the directory matches "${term}".`
              : `${countPeople(found)} found.`)}
        </div>
        {term && (typing || (search.isFetching && !search.isFetchingNextPage)) && (
          <Spinner size="tiny" label="Searching…" labelPosition="after" />
        )}
        {term && search.isError && !search.isFetchNextPageError && (
          <GraphErrorMessage
            error={search.error}
            action="Searching the directory"
            onRetry={() => void search.refetch()}
          />
        )}
        {term && found > 0 && <PagedPeople query={search} label="Search results" />}
      </section>
      <section className={styles.section} aria-labelledby="reports-heading">
        <h2 id="reports-heading" className={styles.heading}>
          Your direct reports
        </h2>
        {reports.isError && !reports.isFetchNextPageError && (
          <GraphErrorMessage
            error={reports.error}
            action="Loading your direct reports"
            onRetry={() => void reports.refetch()}
          />
        )}
        {reports.isSuccess && reportCount === 0 && (
          <Text className={styles.muted}>
            No one reports to you in the directory. Use the search to find someone.
          </Text>
        )}
        {reportCount > 0 && <PagedPeople query={reports} label="Direct reports" />}
      </section>
    </PageLayout>
  );
}
