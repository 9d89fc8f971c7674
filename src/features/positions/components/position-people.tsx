import { Button, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { useHoldsPeopleAccess } from '../../../auth/use-people-access';
import { TextLink } from '../../../components/text-link';
import type { OwnerId, Position, RelatedPerson } from '../types';
import { personLabel, toPersonValue } from '../utils/related-people';

const useStyles = makeStyles({
  line: { display: 'flex', gap: '4px 12px', flexWrap: 'wrap', alignItems: 'baseline' },
  text: { overflowWrap: 'anywhere', unicodeBidi: 'plaintext' },
  colleagues: { minWidth: 0, padding: 0, height: 'auto', fontWeight: tokens.fontWeightRegular },
});

/** "Megan Bowen": a link to their profile in the app when they are in the directory and the viewer may open it. */
function PersonName({ person, linked }: { person: RelatedPerson; linked: boolean }) {
  const styles = useStyles();
  const name = personLabel(toPersonValue(person));
  if (linked && person.userId)
    return (
      <TextLink to="/people/$userId" params={{ userId: person.userId }} className={styles.text}>
        {name}
      </TextLink>
    );
  return (
    <span className={styles.text} dir="auto">
      {name}
    </span>
  );
}

/**
 * A position's people on its card: the manager, and how many colleagues (their names in
 * a tooltip that opens on hover and on keyboard focus, and is the button's description
 * for screen readers).
 */
export function PositionPeople({ owner, position }: { owner: OwnerId; position: Position }) {
  const styles = useStyles();
  const holdsPeopleAccess = useHoldsPeopleAccess();
  // On someone else's profile the viewer is in People already.
  const linked = owner !== 'me' || holdsPeopleAccess;
  const manager = position.manager;
  const colleagues = position.colleagues ?? [];
  if (!manager && colleagues.length === 0) return null;
  const names = colleagues.map((person) => personLabel(toPersonValue(person))).join(', ');
  return (
    <div className={styles.line}>
      {manager && (
        <Text>
          Manager: <PersonName person={manager} linked={linked} />
        </Text>
      )}
      {colleagues.length > 0 && (
        <Tooltip content={names} relationship="description" withArrow>
          <Button appearance="transparent" size="small" className={styles.colleagues}>
            {colleagues.length === 1 ? '1 colleague' : `${colleagues.length} colleagues`}
          </Button>
        </Tooltip>
      )}
    </div>
  );
}
