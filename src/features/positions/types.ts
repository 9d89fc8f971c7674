import type { Position } from './api/position-schema';

export type {
  CompanyDetail,
  PhysicalAddress,
  Position,
  PositionDetail,
  RelatedPerson,
} from './api/position-schema';

/** What the editor may send: only the top-level properties it edits. */
export type PositionPatch = Partial<
  Pick<
    Position,
    'detail' | 'isCurrent' | 'categories' | 'allowedAudiences' | 'manager' | 'colleagues'
  >
>;

/** Whose positions: the signed-in user's ('me') or another user's, by id. */
export type OwnerId = 'me' | (string & {});

export const AUDIENCE_OPTIONS = [
  { value: 'me', label: 'Only me' },
  { value: 'contacts', label: 'My contacts' },
  { value: 'groupMembers', label: 'Members of my groups' },
  { value: 'organization', label: 'Everyone in my organization' },
  { value: 'federatedOrganizations', label: 'People in trusted organizations' },
  { value: 'family', label: 'My family' },
  { value: 'everyone', label: 'Everyone' },
] as const;

const lowerFirst = (text: string | undefined) =>
  text === undefined ? undefined : text.charAt(0).toLowerCase() + text.slice(1);

const audienceWords = (value: string): string | undefined =>
  AUDIENCE_OPTIONS.find((option) => option.value === value)?.label;

/**
 * Who can see a position, in words. `allowedAudiences` is a flags enumeration in Graph's
 * metadata, so real tenants send combinations ("organization,federatedOrganizations"),
 * and `unknownFutureValue` (a value newer than this API version) may appear: each is
 * said in words, and nothing Graph sent is dropped from view.
 */
export function describeAudience(value: string | null | undefined): string {
  const members = (value ?? '')
    .split(',')
    .map((member) => member.trim())
    .filter(Boolean);
  if (members.length === 0) return 'Not set';
  const words = members.map((member) =>
    member === 'unknownFutureValue'
      ? 'a setting newer than this app (unknownFutureValue)'
      : (lowerFirst(audienceWords(member)) ?? `a setting this app does not know ("${member}")`),
  );
  const sentence =
    words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** True for one of the values the form offers; false for flags combinations and values it does not know. */
export const isOfferedAudience = (value: string): boolean => audienceWords(value) !== undefined;

export const ADDRESS_TYPE_OPTIONS = [
  { value: 'business', label: 'Business' },
  { value: 'home', label: 'Home' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
] as const;
