import { Avatar, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Link } from '@tanstack/react-router';
import { personName, type Person } from '../api/people-queries';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: '4px' },
  link: {
    display: 'flex',
    gap: '12px',
    alignItems: 'center',
    padding: '8px 12px',
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  text: { display: 'grid', minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** People as links to their profiles: name, job title and department. */
export function PersonList({ people, label }: { people: Person[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {people.map((person) => {
        const details = [person.jobTitle, person.department].filter(Boolean).join(' · ');
        return (
          <li key={person.id}>
            <Link className={styles.link} to="/people/$userId" params={{ userId: person.id }}>
              <Avatar name={personName(person)} size={36} aria-hidden />
              <span className={styles.text}>
                <Text weight="semibold" dir="auto">
                  {personName(person)}
                </Text>
                {details && (
                  <Caption1 className={styles.muted} dir="auto">
                    {details}
                  </Caption1>
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
