import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/features/positions/types';
import { toFormValues } from '../../../src/features/positions/utils/form-mapping';
import {
  fromColleaguesValue,
  fromManagerValue,
  personKey,
  type PersonValue,
} from '../../../src/features/positions/utils/related-people';
import { toPatch } from '../../../src/features/positions/utils/to-patch';

const megan = {
  displayName: 'Megan Bowen',
  relationship: 'manager',
  userId: 'u-megan',
  userPrincipalName: 'megan@contoso.com',
};
const lee = {
  displayName: 'Lee Gu',
  relationship: 'colleague',
  userId: 'u-lee',
  userPrincipalName: 'lee@contoso.com',
};
/** A free name: someone at another company, not in the directory. */
const sam = { displayName: 'Sam Outside', relationship: 'colleague' };

const position: Position = {
  id: 'p1',
  detail: { jobTitle: 'Auditor' },
  manager: megan,
  colleagues: [lee, sam],
};

const diego: PersonValue = {
  displayName: 'Diego Siciliani',
  userId: 'u-diego',
  userPrincipalName: 'diego@contoso.com',
};
const freeName = (displayName: string): PersonValue => ({
  displayName,
  userId: '',
  userPrincipalName: '',
});

describe('relatedPerson in the form', () => {
  it('reads a directory person and a free name into the form, in Graph’s order', () => {
    const values = toFormValues(position);
    expect(values.manager).toEqual([
      { displayName: 'Megan Bowen', userId: 'u-megan', userPrincipalName: 'megan@contoso.com' },
    ]);
    expect(values.colleagues).toEqual([
      { displayName: 'Lee Gu', userId: 'u-lee', userPrincipalName: 'lee@contoso.com' },
      freeName('Sam Outside'),
    ]);
  });

  it('reads none (null, missing, an empty list) as an empty list', () => {
    expect(toFormValues({ id: 'x', manager: null, colleagues: null })).toMatchObject({
      manager: [],
      colleagues: [],
    });
    expect(toFormValues({ id: 'x' })).toMatchObject({ manager: [], colleagues: [] });
  });

  it('writes a directory person with id and sign-in name, a free name with displayName only', () => {
    expect(fromManagerValue([diego], null)).toEqual({
      displayName: 'Diego Siciliani',
      relationship: 'manager',
      userId: 'u-diego',
      userPrincipalName: 'diego@contoso.com',
    });
    expect(fromColleaguesValue([freeName('  Jo Partner ')], null)).toEqual([
      { displayName: 'Jo Partner', relationship: 'colleague' },
    ]);
    expect(fromManagerValue([], megan)).toBeNull();
  });

  it('writes back a person the user kept exactly as stored (relationship and unknown members too)', () => {
    const dotted = { ...megan, relationship: 'dotLineManager', futureMember: 1 };
    expect(fromManagerValue(toFormValues({ id: 'x', manager: dotted }).manager, dotted)).toBe(
      dotted,
    );
  });

  it('keeps the user’s order when colleagues are reordered', () => {
    const [first, second] = toFormValues(position).colleagues;
    expect(fromColleaguesValue([second, first], position.colleagues)).toEqual([sam, lee]);
  });

  it('drops a removed colleague and keeps the others as stored', () => {
    const [, second] = toFormValues(position).colleagues;
    expect(fromColleaguesValue([second], position.colleagues)).toEqual([sam]);
  });

  it('a patch for a removed colleague holds exactly colleagues, whole', () => {
    const values = toFormValues(position);
    values.colleagues = [values.colleagues[0], diego];
    expect(toPatch(values, position)).toEqual({
      colleagues: [lee, { ...diego, relationship: 'colleague' }],
    });
  });

  it('tells the same person apart: by directory id, else by name regardless of case', () => {
    expect(personKey(diego)).toBe(personKey({ ...diego, displayName: 'D. Siciliani' }));
    expect(personKey(freeName('Sam Outside'))).toBe(personKey(freeName(' sam outside')));
    expect(personKey(freeName('Diego Siciliani'))).not.toBe(personKey(diego));
  });
});
