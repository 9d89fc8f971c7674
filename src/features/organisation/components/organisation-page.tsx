import {
  Button,
  Checkbox,
  Field,
  Input,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type SyntheticEvent,
} from 'react';
import { ConsentNeededError } from '../../../auth/tokens';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { PageLayout } from '../../../components/page-layout';
import {
  directoryQueries,
  type DirectoryFilter,
  type DirectoryPerson,
} from '../api/directory-queries';
import { othersQueue } from '../api/graph-batches';
import { PositionSummaries } from '../api/position-summaries';
import { useSelection } from '../selection';
import {
  COLUMNS,
  distinctValues,
  personName,
  sortRows,
  type ColumnKey,
  type SortState,
} from '../utils/directory-rows';
import { OrganisationConsentNeeded, OrganisationConsentOutcome } from './consent-needed';
import { DirectoryGrid } from './directory-grid';
import { ExportButton } from './export-button';
import { InterruptedJobs } from './interrupted-jobs';

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: '12px',
    alignItems: 'end',
  },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  toolbar: {
    display: 'flex',
    gap: '8px',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground2 },
});

const numberFormat = new Intl.NumberFormat();
const count = (n: number, one: string, many = `${one}s`) =>
  `${numberFormat.format(n)} ${n === 1 ? one : many}`;

/** The rows as filtered here and sorted; `_version` is the summaries' when they matter. */
function rowsShown(
  people: readonly DirectoryPerson[],
  noCurrent: boolean,
  sort: SortState,
  summaries: PositionSummaries,
  _version: number,
): DirectoryPerson[] {
  const shown = noCurrent
    ? people.filter((person) => {
        const summary = summaries.get(person.id);
        return summary?.state === 'loaded' && !summary.hasCurrent;
      })
    : people;
  return sortRows(shown, sort, (id) => summaries.get(id));
}

interface FilterForm extends Required<DirectoryFilter> {
  noCurrent: boolean;
}

const EMPTY_FILTER: FilterForm = {
  department: '',
  companyName: '',
  jobTitle: '',
  noCurrent: false,
};

/**
 * The Organisation area's review: the whole directory (every page Graph gives, 999 at a
 * time) in a virtualised grid, filtered by Graph, sorted here, with each visible person's
 * positions read through JSON batches; people are selected for a change or an export.
 */
export function OrganisationPage() {
  const styles = useStyles();
  const navigate = useNavigate();
  const selected = useSelection();
  const [draft, setDraft] = useState<FilterForm>(EMPTY_FILTER);
  const [filter, setFilter] = useState<FilterForm>(EMPTY_FILTER);
  const [sort, setSort] = useState<SortState>({ column: 'name', direction: 'asc' });
  const [summaries] = useState(() => new PositionSummaries(othersQueue({ maxInFlight: 2 })));
  useEffect(() => () => summaries.close(), [summaries]);
  const summaryVersion = useSyncExternalStore(summaries.subscribe, summaries.getVersion);

  const directory = useInfiniteQuery(directoryQueries.list(filter));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = directory;
  // Every page, one after another, as soon as the one before it arrives.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const people = useMemo(
    () => directory.data?.pages.flatMap((page) => page.people) ?? [],
    [directory.data],
  );
  const total = directory.data?.pages[0]?.count;
  const loading = directory.isPending || hasNextPage;

  // "No current position" needs everyone's positions: read them all (batched, paced).
  useEffect(() => {
    if (filter.noCurrent) summaries.request(people.map((person) => person.id));
  }, [filter.noCurrent, people, summaries]);

  const usesSummaries = filter.noCurrent || sort.column === 'positions' || sort.column === 'edited';
  // Sorting and filtering by positions follow their summaries as they arrive; the rest does not.
  const summaryKey = usesSummaries ? summaryVersion : 0;
  const rows = useMemo(
    () => rowsShown(people, filter.noCurrent, sort, summaries, summaryKey),
    [people, filter.noCurrent, sort, summaries, summaryKey],
  );

  const suggestions = useMemo(
    () => ({
      department: distinctValues(people, 'department'),
      companyName: distinctValues(people, 'companyName'),
      jobTitle: distinctValues(people, 'jobTitle'),
    }),
    [people],
  );

  const onRowsInView = useCallback(
    (inView: DirectoryPerson[]) => summaries.request(inView.map((person) => person.id)),
    [summaries],
  );

  const toSelected = (person: DirectoryPerson) => ({
    id: person.id,
    name: personName(person),
    userPrincipalName: person.userPrincipalName ?? '',
  });

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    setFilter(draft);
  };

  const onSort = (column: ColumnKey) =>
    setSort((current) =>
      current.column === column
        ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: 'asc' },
    );

  const checked = filter.noCurrent ? summaries.countKnown(people.map((person) => person.id)) : 0;
  const status = (() => {
    if (directory.isPending) return 'Loading the directory…';
    if (directory.isError) return 'The directory could not be loaded.';
    const loaded =
      loading && total !== undefined
        ? `Loading the directory: ${numberFormat.format(people.length)} of ${count(total, 'person', 'people')}…`
        : undefined;
    if (filter.noCurrent)
      return `${loaded ?? ''} Checked ${numberFormat.format(checked)} of ${count(people.length, 'person', 'people')}: ${count(rows.length, 'has', 'have')} no current position${checked < people.length ? ' so far' : ''}.`.trim();
    return loaded ?? `${count(rows.length, 'person', 'people')}.`;
  })();

  if (directory.isError && directory.error instanceof ConsentNeededError)
    return (
      <PageLayout title="Organisation" wide>
        <OrganisationConsentOutcome />
        <OrganisationConsentNeeded onCheckAgain={() => void directory.refetch()} />
      </PageLayout>
    );

  return (
    <PageLayout title="Organisation" wide>
      <OrganisationConsentOutcome />
      <Text>
        Review the positions of everyone in the directory, and change or export them for many people
        at once.
      </Text>
      <InterruptedJobs />
      <form className={styles.filters} onSubmit={apply} aria-label="Filters">
        {(
          [
            ['department', 'Department'],
            ['companyName', 'Company'],
            ['jobTitle', 'Job title'],
          ] as const
        ).map(([property, label]) => (
          <Field key={property} label={label}>
            <Input
              value={draft[property]}
              onChange={(_, data) =>
                setDraft((current) => ({ ...current, [property]: data.value }))
              }
              list={`organisation-${property}-values`}
              autoComplete="off"
            />
            <datalist id={`organisation-${property}-values`}>
              {suggestions[property].map((value) => (
                <option key={value} value={value} />
              ))}
            </datalist>
          </Field>
        ))}
        <Checkbox
          label="Has no current position"
          checked={draft.noCurrent}
          onChange={(_, data) =>
            setDraft((current) => ({ ...current, noCurrent: data.checked === true }))
          }
        />
        <div className={styles.actions}>
          <Button type="submit" appearance="primary">
            Apply filters
          </Button>
          <Button
            onClick={() => {
              setDraft(EMPTY_FILTER);
              setFilter(EMPTY_FILTER);
            }}
          >
            Clear
          </Button>
        </div>
      </form>

      <div className={styles.toolbar}>
        <div className={styles.actions}>
          <Text weight="semibold">{count(selected.size, 'person', 'people')} selected</Text>
          <Button disabled={rows.length === 0} onClick={() => selected.add(rows.map(toSelected))}>
            Select all shown
          </Button>
          <Button disabled={selected.size === 0} onClick={() => selected.clear()}>
            Clear selection
          </Button>
        </div>
        <div className={styles.actions}>
          {selected.size > 0 ? (
            <LinkButton to="/organisation/change" appearance="primary">
              Change selected…
            </LinkButton>
          ) : (
            <Button appearance="primary" disabled>
              Change selected…
            </Button>
          )}
          <ExportButton people={selected.list()} />
          <LinkButton to="/organisation/import">Import a CSV…</LinkButton>
        </div>
      </div>

      <div className={styles.actions}>
        <Field label="Sort by" orientation="horizontal">
          <Select
            value={`${sort.column}:${sort.direction}`}
            onChange={(_, data) => {
              const [column, direction] = data.value.split(':') as [ColumnKey, 'asc' | 'desc'];
              setSort({ column, direction });
            }}
          >
            {COLUMNS.flatMap((column) => [
              <option key={`${column.key}:asc`} value={`${column.key}:asc`}>
                {column.label}, ascending
              </option>,
              <option key={`${column.key}:desc`} value={`${column.key}:desc`}>
                {column.label}, descending
              </option>,
            ])}
          </Select>
        </Field>
        <Text role="status" className={styles.hint}>
          {status}
        </Text>
        {loading && !directory.isPending && <Spinner size="tiny" aria-hidden />}
      </div>

      {directory.isError ? (
        <GraphErrorMessage
          error={directory.error}
          action="Loading the directory"
          onRetry={() => void directory.refetch()}
        />
      ) : directory.isPending ? (
        <Spinner label="Loading the directory…" />
      ) : rows.length === 0 && !loading && !(filter.noCurrent && checked < people.length) ? (
        <Text>No one matches these filters.</Text>
      ) : (
        <>
          <Text size={200} className={styles.muted} id="organisation-grid-help">
            Arrow keys move through the people; Space selects; Ctrl+A selects everyone shown; Enter
            opens their profile.
          </Text>
          <DirectoryGrid
            label="People in the directory"
            rows={rows}
            summaries={(id) => summaries.get(id)}
            isSelected={(id) => selected.has(id)}
            onToggle={(person) => selected.toggle(toSelected(person))}
            onSelectAll={() => selected.add(rows.map(toSelected))}
            onOpen={(person) =>
              void navigate({ to: '/people/$userId', params: { userId: person.id } })
            }
            sort={sort}
            onSort={onSort}
            onRowsInView={onRowsInView}
          />
        </>
      )}
    </PageLayout>
  );
}
