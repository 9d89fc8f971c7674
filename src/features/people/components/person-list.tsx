import { Avatar, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { personName, type DirectoryEntry } from '../api/people-queries';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: '4px' },
  entry: {
    display: 'flex',
    gap: '12px',
    alignItems: 'center',
    padding: '8px 12px',
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  link: { ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  text: { display: 'grid', minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * People as links to their profiles: name, job title and department. An entry that is
 * not a user (an organisational contact) is listed, as the directory lists it, but
 * without a link: it has no profile to open or edit, and says so.
 * `focusIndex`: after "Show more", the first new entry takes the focus (then `onFocused`).
 */
export function PersonList({
  entries,
  label,
  focusIndex,
  onFocused,
}: {
  entries: DirectoryEntry[];
  label: string;
  focusIndex?: number | null;
  onFocused?: () => void;
}) {
  const styles = useStyles();
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (focusIndex === null || focusIndex === undefined || focusIndex >= entries.length) return;
    const item = listRef.current?.children.item(focusIndex);
    const target = item?.querySelector<HTMLElement>('a, [tabindex]');
    target?.focus();
    onFocused?.();
  }, [focusIndex, entries.length, onFocused]);
  return (
    <ul className={styles.list} aria-label={label} ref={listRef}>
      {entries.map(({ kind, person }) => {
        const details = [person.jobTitle, person.department].filter(Boolean).join(' · ');
        const text = (
          <>
            <Avatar name={personName(person)} size={36} aria-hidden />
            <span className={styles.text}>
              <Text weight="semibold" dir="auto">
                {personName(person)}
              </Text>
              <Caption1 className={styles.muted} dir="auto">
                {kind === 'user'
                  ? details
                  : [details, 'Contact: not a user, no profile to edit']
                      .filter(Boolean)
                      .join(' · ')}
              </Caption1>
            </span>
          </>
        );
        return (
          <li key={person.id}>
            {kind === 'user' ? (
              <Link
                className={`${styles.entry} ${styles.link}`}
                to="/people/$userId"
                params={{ userId: person.id }}
              >
                {text}
              </Link>
            ) : (
              // Focusable only so that "Show more" can move the focus to it.
              <div className={styles.entry} tabIndex={-1}>
                {text}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
