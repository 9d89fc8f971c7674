import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { hasGivenToken } from '../../../auth/tokens';
import { presentText } from '../../../graph/graph-answer';
import type { OwnerId, Position, RelatedPerson } from '../types';

/** What to call someone a position names (no name: their sign-in name). */
const nameOf = (person: RelatedPerson): string =>
  presentText(person.displayName?.trim()) ??
  presentText(person.userPrincipalName) ??
  'Someone without a name';

/** A person the position names: a link to their profile in the app when the viewer may open it. */
function PersonName({ person, linked }: { person: RelatedPerson; linked: boolean }) {
  const name = nameOf(person);
  const userId = person.userId;
  if (!linked || !userId) return <span dir="auto">{name}</span>;
  return (
    <Link to="/people/$userId" params={{ userId }} className="pe-link" dir="auto">
      {name}
    </Link>
  );
}

/**
 * A position's people on its card: the manager, and how many colleagues, their names
 * shown on hover and on keyboard focus (dismissed with Escape) and given to screen readers
 * as the count's description. Plain elements, as the rest of the card (first-page.css):
 * Fluent's Tooltip and Link would bring Fluent onto the first page.
 */
export function PositionPeople({ owner, position }: { owner: OwnerId; position: Position }) {
  // On someone else's profile the viewer is in People already; on their own, once this
  // page has been given People's token (People opened, or a colleague's profile).
  const linked = owner !== 'me' || hasGivenToken('others');
  const id = useId();
  const [shown, setShown] = useState(false);
  const { manager } = position;
  const colleagues = position.colleagues ?? [];
  const count = colleagues.length;
  return (
    <span className="pe-card__people">
      {manager && (
        <span>
          Manager: <PersonName person={manager} linked={linked} />
        </span>
      )}
      {count > 0 && (
        <span
          className="pe-card__colleagues"
          onMouseEnter={() => setShown(true)}
          onMouseLeave={() => setShown(false)}
        >
          <button
            type="button"
            className="pe-link pe-link--button"
            aria-describedby={id}
            onFocus={() => setShown(true)}
            onBlur={() => setShown(false)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setShown(false);
            }}
          >
            {count === 1 ? '1 colleague' : `${count} colleagues`}
          </button>
          <span id={id} role="tooltip" className="pe-tooltip" hidden={!shown}>
            {colleagues.map(nameOf).join(', ')}
          </span>
        </span>
      )}
    </span>
  );
}
