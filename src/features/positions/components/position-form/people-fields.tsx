import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { directoryQueries } from '../../api/directory-people';
import type { OwnerId } from '../../types';
import type { PositionFormValues } from '../../utils/form-mapping';
import { positionFields } from '../../utils/position-fields';
import { personKey, type PersonValue } from '../../utils/related-people';
import { FormSection } from './form-section';
import { PeopleField } from './people-field';

/** The people of a position: its manager and its colleagues, from the directory or by name. */
export function PeopleFields({ owner }: { owner: OwnerId }) {
  return (
    <FormSection title="People">
      <PeopleField
        field={positionFields.manager}
        hint="Who you reported to. Type to search the directory, or enter a name"
        proposal={
          owner === 'me'
            ? undefined
            : (add, people) => <ManagerProposal owner={owner} add={add} people={people} />
        }
      />
      <PeopleField
        field={positionFields.colleagues}
        hint="Who you worked with, in the order you want them shown"
      />
    </FormSection>
  );
}

/**
 * Someone else's current position: their manager in the directory, offered with one
 * button (a manager keeping a report's profile current rarely needs to search).
 */
function ManagerProposal({
  owner,
  add,
  people,
}: {
  owner: OwnerId;
  add: (person: PersonValue) => void;
  people: PersonValue[];
}) {
  const isCurrent = useWatch<PositionFormValues, 'isCurrent'>({ name: 'isCurrent' });
  const manager = useQuery({ ...directoryQueries.manager(owner), enabled: isCurrent });
  const person = manager.data;
  if (!isCurrent || !person) return null;
  const proposed: PersonValue = {
    displayName: person.displayName ?? '',
    userId: person.id,
    userPrincipalName: person.userPrincipalName ?? '',
  };
  if (people.some((chosen) => personKey(chosen) === personKey(proposed))) return null;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        In the directory, this person's manager is {proposed.displayName || 'someone'}
        {proposed.userPrincipalName ? ` (${proposed.userPrincipalName})` : ''}.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => add(proposed)}>Use as manager</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
