import type { Position } from './api/position-schema';

export type {
  CompanyDetail,
  PhysicalAddress,
  Position,
  PositionDetail,
} from './api/position-schema';

/** What the editor may send: only the top-level properties it edits. */
export type PositionPatch = Partial<
  Pick<Position, 'detail' | 'isCurrent' | 'categories' | 'allowedAudiences'>
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

export function audienceLabel(value: string | null | undefined): string {
  return AUDIENCE_OPTIONS.find((option) => option.value === value)?.label ?? 'Not set';
}

export const ADDRESS_TYPE_OPTIONS = [
  { value: 'business', label: 'Business' },
  { value: 'home', label: 'Home' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
] as const;
