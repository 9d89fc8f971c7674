import {
  bool,
  checkMembers,
  checkValue,
  collection,
  complete,
  complex,
  date,
  double,
  enumOf,
  flagsOf,
  int32,
  str,
  type Problem,
  type Shape,
} from './shape.js';

/**
 * The members of `allowedAudiences`, a flags enumeration (`IsFlags="true"` in Graph's beta
 * metadata, microsoftgraph/msgraph-metadata): a stored value may combine them
 * ("organization,federatedOrganizations") or read `unknownFutureValue`. A write may send
 * one member or a combination, never `unknownFutureValue`: that is the placeholder Graph
 * returns for a member the caller does not know, not a value to store. A client that
 * leaves the audience alone does not send it, so an unknown stored value stays as it is.
 */
export const AUDIENCES = [
  'me',
  'family',
  'contacts',
  'groupMembers',
  'organization',
  'federatedOrganizations',
  'everyone',
] as const;
export const ADDRESS_TYPES = ['unknown', 'home', 'business', 'other'] as const;
export const RELATIONSHIPS = [
  'manager',
  'colleague',
  'directReport',
  'dotLineReport',
  'assistant',
  'dotLineManager',
  'alternateContact',
  'friend',
  'spouse',
  'sibling',
  'child',
  'parent',
  'sponsor',
  'emergencyContact',
  'other',
] as const;

// Lengths follow Microsoft Entra's limits for the matching user attributes (jobTitle 128,
// department 64, city 128, street 1024, postalCode 40, ...); free text gets 2,000.
const physicalAddress = complex('microsoft.graph.physicalAddress', {
  city: str(128),
  countryOrRegion: str(128),
  postalCode: str(40),
  postOfficeBox: str(40),
  state: str(128),
  street: str(1024),
  type: enumOf('microsoft.graph.physicalAddressType', ADDRESS_TYPES),
});

const companyDetail = complex('microsoft.graph.companyDetail', {
  address: physicalAddress,
  companyCode: str(64),
  costCenter: str(64),
  department: str(64),
  displayName: str(256),
  division: str(128),
  officeLocation: str(128),
  pronunciation: str(256),
  secondaryDepartment: str(64),
  webUrl: str(2048),
});

const positionDetail = complex(
  'microsoft.graph.positionDetail',
  {
    company: companyDetail,
    description: str(2000),
    employeeId: str(64),
    employeeType: str(64),
    endMonthYear: date(),
    jobTitle: str(128),
    layer: int32(),
    level: str(64),
    role: str(128),
    secondaryJobTitle: str(128),
    secondaryRole: str(128),
    startMonthYear: date(),
    summary: str(2000),
  },
  false,
);

const relatedPerson = complex('microsoft.graph.relatedPerson', {
  displayName: str(256),
  relationship: enumOf('microsoft.graph.personRelationship', RELATIONSHIPS),
  userId: str(64),
  userPrincipalName: str(256),
});

const inferenceData = complex('microsoft.graph.inferenceData', {
  confidenceScore: double(),
  userHasVerifiedAccuracy: bool(),
});

/** `source`: where a position came from, e.g. `{ "type": ["UPA"] }`. */
export const personDataSources = complex('microsoft.graph.personDataSources', {
  type: collection(str(64), 20),
});

/** The properties a client may write. */
export const workPositionWritable = complex(
  'microsoft.graph.workPosition',
  {
    // Nullable in the metadata; refusing null is ours, so that a position always has an audience.
    allowedAudiences: flagsOf('microsoft.graph.allowedAudiences', AUDIENCES, false),
    categories: collection(str(100), 50),
    colleagues: collection(relatedPerson, 100),
    detail: positionDetail,
    inference: inferenceData,
    isCurrent: bool(),
    isSearchable: bool(),
    manager: relatedPerson,
  },
  false,
) as Extract<Shape, { kind: 'complex' }>;

/** Set by the server only. */
const SERVER_SET = ['id', 'createdBy', 'createdDateTime', 'lastModifiedBy', 'lastModifiedDateTime'];

/**
 * Read-only on update. `source` may be given on create: "Create workPosition"
 * (api-reference/beta/api/profile-post-positions.md) lists it among the properties to
 * set; "Update workPosition" (workposition-update.md) does not.
 */
export const READ_ONLY_PROPERTIES = [...SERVER_SET, 'source'];

/** The "no value" date real tenants hold (graph-profile-api.md, "Data as real tenants hold it"). */
export const NO_DATE = '0001-01-01';

export type PositionProps = Record<string, unknown>;

/**
 * Problems with a create or update body, before it touches stored data. Only what the
 * request sends is judged (graph-profile-api.md): a PATCH of `categories` alone succeeds
 * on a position whose stored detail has an empty company or sentinel dates.
 */
export function checkWriteBody(body: unknown, mode: 'create' | 'update'): Problem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [
      {
        target: '',
        message:
          'The request body must be a JSON object describing a microsoft.graph.workPosition.',
      },
    ];
  }
  const problems: Problem[] = [];
  const props = body as Record<string, unknown>;
  const readOnly = mode === 'create' ? SERVER_SET : READ_ONLY_PROPERTIES;
  for (const name of Object.keys(props)) {
    if (readOnly.includes(name)) {
      problems.push({
        target: name,
        message: `Property '${name}' is read-only; the server sets it.`,
      });
    } else if (name.startsWith('@odata.') && name !== '@odata.type') {
      problems.push({
        target: name,
        message: `Annotation '${name}' is not accepted in a request body${name === '@odata.etag' ? ' (an etag goes in an If-Match header)' : ''}.`,
      });
    }
  }
  if (
    props['@odata.type'] !== undefined &&
    props['@odata.type'] !== '#microsoft.graph.workPosition'
  ) {
    problems.push({
      target: '@odata.type',
      message: `'@odata.type' must be '#microsoft.graph.workPosition', not ${JSON.stringify(props['@odata.type'])}.`,
    });
  }
  const writable = Object.fromEntries(
    Object.entries(props).filter(
      ([name]) => !READ_ONLY_PROPERTIES.includes(name) && !name.startsWith('@odata.'),
    ),
  );
  checkMembers(workPositionWritable, writable, '', problems);
  if (mode === 'create' && props.source !== undefined)
    checkValue(personDataSources, props.source, 'source', problems);
  if (mode === 'create' && props.detail === undefined) {
    problems.push({
      target: 'detail',
      message: "Property 'detail' is required to create a position.",
    });
  }
  if (mode === 'update' && Object.keys(writable).length === 0 && problems.length === 0) {
    problems.push({ target: '', message: 'The PATCH body names no property to change.' });
  }
  if (problems.length === 0) problems.push(...checkSentTogether(props));
  return problems;
}

const hasDate = (value: unknown): value is string => typeof value === 'string' && value !== NO_DATE;

/**
 * Rules between values the request sends together (ours: Graph documents none). Stored
 * values are never consulted, so untidy stored data cannot block a write that does not
 * touch it; the sentinel date counts as no date.
 */
function checkSentTogether(props: PositionProps): Problem[] {
  const problems: Problem[] = [];
  if (props.detail === undefined) return problems;
  const detail = props.detail as {
    jobTitle?: string | null;
    startMonthYear?: string | null;
    endMonthYear?: string | null;
  };
  // `detail` replaces the stored one wholesale, so a detail without a title would erase it.
  if (!detail.jobTitle?.trim())
    problems.push({
      target: 'detail.jobTitle',
      message: "Property 'detail.jobTitle' is required and cannot be empty.",
    });
  const start = detail.startMonthYear;
  const end = detail.endMonthYear;
  if (hasDate(start) && hasDate(end) && end < start) {
    problems.push({
      target: 'detail.endMonthYear',
      message: `Property 'detail.endMonthYear' (${end}) is before 'detail.startMonthYear' (${start}).`,
    });
  }
  if (props.isCurrent === true && hasDate(end)) {
    problems.push({
      target: 'detail.endMonthYear',
      message:
        "A current position (isCurrent true) cannot have 'detail.endMonthYear'; send it as null.",
    });
  }
  return problems;
}

/**
 * A created position: every writable property with its full shape, missing ones null.
 * Without `allowedAudiences` it is visible to the organization, as in Microsoft's example
 * for "Create workPosition", whose request sends none and whose response reads
 * "organization".
 */
export function completeWritable(props: PositionProps): PositionProps {
  const full = complete(workPositionWritable, props) as PositionProps;
  full.allowedAudiences = props.allowedAudiences ?? 'organization';
  return full;
}

/**
 * PATCH as this project decides (graph-profile-api.md): each top-level property present
 * replaces the stored one; a complex value replaces wholesale (members it leaves out
 * become null); absent properties keep their value.
 */
export function mergePatch(current: PositionProps, patch: PositionProps): PositionProps {
  const next = { ...current };
  for (const [name, shape] of Object.entries(workPositionWritable.members)) {
    if (Object.hasOwn(patch, name)) next[name] = complete(shape, patch[name]);
  }
  return next;
}
