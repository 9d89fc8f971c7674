import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import type { PeoplePage } from '../api/people-queries';
import { countPeople } from '../utils/count-people';
import { PersonList } from './person-list';

const useStyles = makeStyles({
  more: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * A list of people read page by page: what has come so far, and "Show more" while Graph
 * gives an `@odata.nextLink`. While the next page loads the button says so (and is busy
 * for assistive technology); once it is there, the first new entry takes the focus, and a
 * polite status says how many are shown.
 */
export function PagedPeople({
  query,
  label,
}: {
  query: UseInfiniteQueryResult<InfiniteData<PeoplePage>>;
  label: string;
}) {
  const styles = useStyles();
  const entries = query.data?.pages.flatMap((page) => page.entries) ?? [];
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const focused = useCallback(() => setFocusIndex(null), []);
  const loadingMore = query.isFetchingNextPage;
  const moreFailed = query.isFetchNextPageError;
  return (
    <>
      <PersonList entries={entries} label={label} focusIndex={focusIndex} onFocused={focused} />
      {query.hasNextPage && (
        <div className={styles.more}>
          <Button
            onClick={() => {
              setFocusIndex(entries.length);
              void query.fetchNextPage();
            }}
            disabled={loadingMore}
            disabledFocusable={loadingMore}
            aria-busy={loadingMore}
            icon={loadingMore ? <Spinner size="tiny" aria-hidden /> : undefined}
          >
            {loadingMore ? 'Loading more…' : 'Show more'}
          </Button>
          <span className={styles.muted} role="status" aria-live="polite">
            {loadingMore
              ? `Loading more after ${countPeople(entries.length)}…`
              : `${countPeople(entries.length)} shown; there are more.`}
          </span>
        </div>
      )}
      {!query.hasNextPage && entries.length > 0 && query.data && query.data.pages.length > 1 && (
        <span className={styles.muted} role="status" aria-live="polite">
          All {countPeople(entries.length)} shown.
        </span>
      )}
      {moreFailed && (
        <GraphErrorMessage
          error={query.error}
          action="Loading more"
          onRetry={() => void query.fetchNextPage()}
        />
      )}
    </>
  );
}
