import { makeStyles, tokens } from '@fluentui/react-components';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { presentText } from '../../../graph/graph-answer';
import type { DirectoryPerson } from '../api/directory-queries';
import type { PositionSummary } from '../api/position-summaries';
import { COLUMNS, type ColumnKey, type SortState } from '../utils/directory-rows';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 40;
const TEMPLATE =
  '40px minmax(180px, 2fr) minmax(150px, 1.6fr) minmax(110px, 1fr) minmax(110px, 1fr) 90px minmax(190px, 1.6fr)';

const useStyles = makeStyles({
  grid: {
    position: 'relative',
    height: 'min(60vh, 640px)',
    minHeight: '240px',
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    outline: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  inner: { minWidth: '960px', position: 'relative' },
  row: {
    display: 'grid',
    gridTemplateColumns: TEMPLATE,
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    cursor: 'default',
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  body: { position: 'absolute', left: 0, right: 0, top: 0 },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  active: {
    outline: `2px solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: '-2px',
  },
  cell: {
    padding: '0 8px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  sortButton: {
    border: 'none',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    padding: '4px',
    borderRadius: tokens.borderRadiusSmall,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  check: {
    width: '16px',
    height: '16px',
    margin: '0 auto',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
    display: 'grid',
    placeItems: 'center',
    fontSize: '12px',
    lineHeight: '1',
  },
  checked: {
    backgroundColor: tokens.colorCompoundBrandBackground,
    border: `1px solid ${tokens.colorCompoundBrandBackground}`,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function summaryCells(summary: PositionSummary | undefined, muted: string) {
  if (!summary) return [<span className={muted}>…</span>, <span className={muted}>…</span>];
  if (summary.state === 'failed')
    return [<span className={muted}>–</span>, <span className={muted}>{summary.message}</span>];
  const when = summary.lastEditedAt ? dateFormat.format(new Date(summary.lastEditedAt)) : '';
  const edited = summary.lastEditedBy
    ? `${summary.lastEditedBy}${when ? `, ${when}` : ''}`
    : when || '–';
  return [
    <span>
      {summary.count}
      {!summary.hasCurrent && <span className={muted}> (none current)</span>}
    </span>,
    <span title={edited}>{edited}</span>,
  ];
}

/**
 * The directory as an ARIA grid: one row per person, virtualised (only the rows in view
 * are in the page, so 10,000 rows scroll as smoothly as 10). The grid itself takes focus
 * and points at the active row (`aria-activedescendant`): arrows, Page Up/Down, Home and
 * End move it, Space selects it, Ctrl+A selects every row shown, Enter opens the person.
 * `onRowsInView` hears which rows are shown, once scrolling settles.
 */
export function DirectoryGrid({
  rows,
  summaries,
  isSelected,
  onToggle,
  onSelectAll,
  onOpen,
  sort,
  onSort,
  onRowsInView,
  label,
}: {
  rows: readonly DirectoryPerson[];
  summaries: (userId: string) => PositionSummary | undefined;
  isSelected: (userId: string) => boolean;
  onToggle: (person: DirectoryPerson) => void;
  onSelectAll: () => void;
  onOpen: (person: DirectoryPerson) => void;
  sort: SortState;
  onSort: (column: ColumnKey) => void;
  onRowsInView: (people: DirectoryPerson[]) => void;
  label: string;
}) {
  const styles = useStyles();
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's API is not memoisable; the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollPaddingStart: HEADER_HEIGHT,
    // The active row stays in the page, so aria-activedescendant always names an element.
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => {
        const indexes = defaultRangeExtractor(range);
        if (activeIndex < range.count && !indexes.includes(activeIndex)) {
          indexes.push(activeIndex);
          indexes.sort((a, b) => a - b);
        }
        return indexes;
      },
      [activeIndex],
    ),
  });
  const items = virtualizer.getVirtualItems();

  // The rows in view, once scrolling rests: their positions are fetched.
  const first = items.at(0)?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    const timer = setTimeout(() => {
      onRowsInView(rows.slice(first, last + 1));
    }, 120);
    return () => clearTimeout(timer);
  }, [rows, first, last, onRowsInView]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const person = rows[activeIndex] as DirectoryPerson | undefined;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          move(activeIndex + 1);
          return true;
        case 'ArrowUp':
          move(activeIndex - 1);
          return true;
        case 'PageDown':
          move(activeIndex + page);
          return true;
        case 'PageUp':
          move(activeIndex - page);
          return true;
        case 'Home':
          move(0);
          return true;
        case 'End':
          move(rows.length - 1);
          return true;
        case ' ':
          if (person) onToggle(person);
          return true;
        case 'Enter':
          if (person) onOpen(person);
          return true;
        case 'a':
        case 'A':
          if (!event.ctrlKey && !event.metaKey) return false;
          onSelectAll();
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const headers = COLUMNS.map((column) => {
    const sorted = sort.column === column.key;
    return (
      <div
        key={column.key}
        role="columnheader"
        className={styles.cell}
        aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        {/* For the pointer; from the keyboard, the "Sort by" control beside the grid (the
            grid keeps one tab stop). */}
        <button
          type="button"
          className={styles.sortButton}
          onClick={() => onSort(column.key)}
          tabIndex={-1}
        >
          {column.label}
          {sorted && <span aria-hidden>{sort.direction === 'asc' ? '▲' : '▼'}</span>}
        </button>
      </div>
    );
  });

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length + 1}
      aria-multiselectable
      aria-activedescendant={rows.length > 0 ? rowId(activeIndex) : undefined}
      tabIndex={0}
      className={styles.grid}
      onKeyDown={onKeyDown}
    >
      <div className={styles.inner} style={{ height: virtualizer.getTotalSize() + HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className={`${styles.row} ${styles.header}`}>
          <div role="columnheader" className={styles.cell}>
            <span className={styles.visuallyHidden}>Selected</span>
          </div>
          {headers}
        </div>
        <div className={styles.body}>
          {items.map((item) => {
            const person = rows[item.index] as DirectoryPerson | undefined;
            if (!person) return null;
            const selected = isSelected(person.id);
            const [positions, edited] = summaryCells(summaries(person.id), styles.muted);
            const name = person.displayName ?? person.userPrincipalName ?? person.id;
            return (
              <div
                key={person.id}
                id={rowId(item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`${styles.row} ${selected ? styles.selected : ''} ${item.index === activeIndex ? styles.active : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start + HEADER_HEIGHT}px)`,
                }}
                onClick={() => {
                  setActive(item.index);
                  onToggle(person);
                }}
              >
                <div role="gridcell" className={styles.cell}>
                  <div className={`${styles.check} ${selected ? styles.checked : ''}`} aria-hidden>
                    {selected ? '✓' : ''}
                  </div>
                </div>
                <div role="gridcell" className={styles.cell} title={name}>
                  {name}
                </div>
                <div role="gridcell" className={styles.cell} title={person.jobTitle ?? ''}>
                  {person.jobTitle ?? <span className={styles.muted}>–</span>}
                </div>
                <div role="gridcell" className={styles.cell} title={person.companyName ?? ''}>
                  {presentText(person.companyName) ?? <span className={styles.muted}>–</span>}
                </div>
                <div role="gridcell" className={styles.cell} title={person.department ?? ''}>
                  {person.department ?? <span className={styles.muted}>–</span>}
                </div>
                <div role="gridcell" className={styles.cell}>
                  {positions}
                </div>
                <div role="gridcell" className={styles.cell}>
                  {edited}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
