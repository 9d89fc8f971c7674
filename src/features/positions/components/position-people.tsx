import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { hasGivenToken } from '../../../auth/tokens';
import { presentText } from '../../../graph/graph-answer';
import type { OwnerId, Position, RelatedPerson } from '../types';

/** What to call someone a position names (no name: their sign-in name). */
const nameOf = (person: RelatedPerson): string =>
  presentText(person.displayName?.trim()) ??
  presentText(person.userPrincipalName) ??
  'Someone without a name';

const useStyles = makeStyles({
  line: { display: 'flex', gap: '4px 12px', flexWrap: 'wrap' },
  colleagues: { position: 'relative' },
  // Fluent's Tooltip would bring its positioning code onto the first page: this one is CSS.
  names: {
    position: 'absolute',
    zIndex: 1,
    top: '100%',
    width: 'max-content',
    maxWidth: '70vw',
    padding: '4px 8px',
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
  },
});

/** A person the position names: a link to their profile in the app when the viewer may open it. */
function PersonName({ person, linked }: { person: RelatedPerson; linked: boolean }) {
  const navigate = useNavigate();
  const name = nameOf(person);
  const userId = person.userId;
  if (!linked || !userId) return <span dir="auto">{name}</span>;
  return (
    <Link
      href={`/people/${encodeURIComponent(userId)}`}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        void navigate({ to: '/people/$userId', params: { userId } });
      }}
    >
      {name}
    </Link>
  );
}

/**
 * A position's people on its card: the manager, and how many colleagues, their names
 * shown on hover and on keyboard focus (dismissed with Escape) and given to screen readers
 * as the count's description.
 */
export function PositionPeople({ owner, position }: { owner: OwnerId; position: Position }) {
  const styles = useStyles();
  // On someone else's profile the viewer is in People already; on their own, once this
  // page has been given People's token (People opened, or a colleague's profile).
  const linked = owner !== 'me' || hasGivenToken('others');
  const id = useId();
  const [shown, setShown] = useState(false);
  const { manager } = position;
  const colleagues = position.colleagues ?? [];
  const count = colleagues.length;
  return (
    <Text className={styles.line}>
      {manager && (
        <span>
          Manager: <PersonName person={manager} linked={linked} />
        </span>
      )}
      {count > 0 && (
        <span
          className={styles.colleagues}
          onMouseEnter={() => setShown(true)}
          onMouseLeave={() => setShown(false)}
        >
          <Link
            as="button"
            type="button"
            appearance="subtle"
            aria-describedby={id}
            onFocus={() => setShown(true)}
            onBlur={() => setShown(false)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setShown(false);
            }}
          >
            {count === 1 ? '1 colleague' : `${count} colleagues`}
          </Link>
          <span id={id} role="tooltip" className={styles.names} hidden={!shown}>
            {colleagues.map(nameOf).join(', ')}
          </span>
        </span>
      )}
    </Text>
  );
}
