import {
  bool,
  checkMembers,
  collection,
  complete,
  complex,
  date,
  double,
  enumOf,
  int32,
  str,
  type Problem,
  type Shape,
} from './shape.js';

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

/** The properties a client may write. */
export const workPositionWritable = complex(
  'microsoft.graph.workPosition',
  {
    allowedAudiences: enumOf('microsoft.graph.allowedAudiences', AUDIENCES, false),
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
export const READ_ONLY_PROPERTIES = [
  'id',
  'createdBy',
  'createdDateTime',
  'lastModifiedBy',
  'lastModifiedDateTime',
  'source',
];

export type PositionProps = Record<string, unknown>;

/** Problems with a create or update body, before it touches stored data. */
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
  for (const name of Object.keys(props)) {
    if (READ_ONLY_PROPERTIES.includes(name)) {
      problems.push({
        target: name,
        message: `Property '${name}' is read-only; the server sets it.`,
      });
    } else if (name.startsWith('@odata.') && name !== '@odata.type') {
      problems.push({
        target: name,
        message: `Annotation '${name}' is not accepted in a request body${name === '@odata.etag' ? '; send the etag in an If-Match header' : ''}.`,
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
  if (mode === 'create' && props.detail === undefined) {
    problems.push({
      target: 'detail',
      message: "Property 'detail' is required to create a position.",
    });
  }
  if (mode === 'update' && Object.keys(writable).length === 0 && problems.length === 0) {
    problems.push({ target: '', message: 'The PATCH body names no property to change.' });
  }
  return problems;
}

/** Rules on a whole position (after a create or a merge), where a value depends on another. */
export function checkConsistency(position: PositionProps): Problem[] {
  const problems: Problem[] = [];
  const detail = position.detail as {
    jobTitle?: string | null;
    startMonthYear?: string | null;
    endMonthYear?: string | null;
  } | null;
  if (!detail?.jobTitle?.trim())
    problems.push({
      target: 'detail.jobTitle',
      message: "Property 'detail.jobTitle' is required and cannot be empty.",
    });
  const start = detail?.startMonthYear;
  const end = detail?.endMonthYear;
  if (start && end && end < start) {
    problems.push({
      target: 'detail.endMonthYear',
      message: `Property 'detail.endMonthYear' (${end}) is before 'detail.startMonthYear' (${start}).`,
    });
  }
  if (position.isCurrent === true && end) {
    problems.push({
      target: 'detail.endMonthYear',
      message:
        "A current position (isCurrent true) cannot have 'detail.endMonthYear'; send it as null.",
    });
  }
  return problems;
}

/** Every writable property with its full shape; missing ones get their empty value. */
export function completeWritable(props: PositionProps): PositionProps {
  const full = complete(workPositionWritable, props) as PositionProps;
  full.allowedAudiences = props.allowedAudiences ?? 'me';
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
