import type { RelatedPerson } from '../types';

/**
 * Someone a position names, as the form holds them: a person in the directory (their
 * `userId` and `userPrincipalName` set, as the picker found them) or a free name (only
 * `displayName`: someone at another company, not in the directory). Every member is text,
 * never null, so values compare exactly.
 */
export interface PersonValue {
  displayName: string;
  userId: string;
  userPrincipalName: string;
}

/** The relationship each field stores (Graph's `personRelationship`). */
export type PersonRelationship = 'manager' | 'colleague';

/** At most this many colleagues: enough for a team, few enough to show on a card. */
export const MAX_COLLEAGUES = 25;

/** A stored relatedPerson as the form holds it. */
export function toPersonValue(person: RelatedPerson): PersonValue {
  return {
    displayName: person.displayName ?? '',
    userId: person.userId ?? '',
    userPrincipalName: person.userPrincipalName ?? '',
  };
}

/** One person as it counts for "the same person": their directory id, else their name. */
export function personKey(person: PersonValue): string {
  return person.userId
    ? `id:${person.userId.toLowerCase()}`
    : `name:${person.displayName.trim().toLowerCase()}`;
}

/** What counts as a change: who, in which order, with names trimmed. */
export const comparablePeople = (people: PersonValue[]): string =>
  JSON.stringify(
    people.map((person) => [person.displayName.trim(), person.userId, person.userPrincipalName]),
  );

const sameStored = (value: PersonValue, stored: RelatedPerson) =>
  comparablePeople([value]) === comparablePeople([toPersonValue(stored)]);

/**
 * The relatedPerson Graph should store for `value`: the stored one exactly as it came
 * when the user left it as it was (its relationship, even one this app does not set, and
 * members Graph may add later), else a new one with `relationship`; a free name carries
 * `displayName` alone.
 */
export function toRelatedPerson(
  value: PersonValue,
  relationship: PersonRelationship,
  stored?: RelatedPerson | null,
): RelatedPerson {
  if (stored && sameStored(value, stored)) return stored;
  const displayName = value.displayName.trim();
  if (!value.userId) return { displayName, relationship };
  return {
    displayName,
    relationship,
    userId: value.userId,
    userPrincipalName: value.userPrincipalName || null,
  };
}

/** The manager as the form holds it: a list of none or one, like the picker's selection. */
export const toManagerValue = (manager: RelatedPerson | null | undefined): PersonValue[] =>
  manager ? [toPersonValue(manager)] : [];

/** The whole `manager` for a PATCH: null when there is none. */
export function fromManagerValue(
  value: PersonValue[],
  stored: RelatedPerson | null | undefined,
): RelatedPerson | null {
  return value.length === 0 ? null : toRelatedPerson(value[0], 'manager', stored);
}

/** Colleagues as the form holds them, in Graph's order; none stored (null) reads as none. */
export const toColleaguesValue = (colleagues: RelatedPerson[] | null | undefined): PersonValue[] =>
  (colleagues ?? []).map(toPersonValue);

/**
 * The whole `colleagues` collection for a PATCH, in the user's order. Each colleague the
 * user kept goes back exactly as stored; new ones get the relationship `colleague`.
 */
export function fromColleaguesValue(
  value: PersonValue[],
  stored: RelatedPerson[] | null | undefined,
): RelatedPerson[] {
  const unused = [...(stored ?? [])];
  return value.map((colleague) => {
    const index = unused.findIndex((person) => sameStored(colleague, person));
    const [match] = index === -1 ? [undefined] : unused.splice(index, 1);
    return toRelatedPerson(colleague, 'colleague', match);
  });
}

/** "Megan Bowen", or the sign-in name when a stored person has no name. */
export const personLabel = (person: PersonValue): string =>
  person.displayName.trim() || person.userPrincipalName || 'Someone without a name';
