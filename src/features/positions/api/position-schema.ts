import * as z from 'zod/mini';
import { graphId, graphPage, graphText } from '../../../graph/graph-answer';

/*
 * A workPosition as Graph sends it (graph-profile-api.md), read leniently: real tenants
 * send null collections, empty strings, "no value" dates (0001-01-01), sources other than
 * the user, and allowedAudiences as a flags string ("organization,federatedOrganizations").
 * Every member may be null or missing, and members this app does not know are kept, so
 * a position goes back to Graph without losing anything. Only a position without an id
 * is refused.
 */

const identity = z.nullish(z.looseObject({ id: graphText, displayName: graphText }));

const identitySet = z.nullish(
  z.looseObject({ user: identity, application: identity, device: identity }),
);

const physicalAddress = z.looseObject({
  city: graphText,
  countryOrRegion: graphText,
  postalCode: graphText,
  postOfficeBox: graphText,
  state: graphText,
  street: graphText,
  type: graphText,
});

const companyDetail = z.looseObject({
  address: z.nullish(physicalAddress),
  companyCode: graphText,
  costCenter: graphText,
  department: graphText,
  displayName: graphText,
  division: graphText,
  officeLocation: graphText,
  pronunciation: graphText,
  secondaryDepartment: graphText,
  webUrl: graphText,
});

const positionDetail = z.looseObject({
  company: z.nullish(companyDetail),
  description: graphText,
  employeeId: graphText,
  employeeType: graphText,
  endMonthYear: graphText,
  jobTitle: graphText,
  layer: z.nullish(z.number()),
  level: graphText,
  role: graphText,
  secondaryJobTitle: graphText,
  secondaryRole: graphText,
  startMonthYear: graphText,
  summary: graphText,
});

/** Someone the position names (its manager, a colleague): in the directory (userId) or a free name. */
const relatedPerson = z.looseObject({
  displayName: graphText,
  relationship: graphText,
  userId: graphText,
  userPrincipalName: graphText,
});

export const positionSchema = z.looseObject({
  id: graphId,
  '@odata.etag': z.optional(z.string()),
  allowedAudiences: graphText,
  categories: z.nullish(z.array(z.string())),
  detail: z.nullish(positionDetail),
  isCurrent: z.nullish(z.boolean()),
  manager: z.nullish(relatedPerson),
  colleagues: z.nullish(z.array(relatedPerson)),
  createdBy: identitySet,
  lastModifiedBy: identitySet,
  createdDateTime: graphText,
  lastModifiedDateTime: graphText,
  source: z.nullish(z.looseObject({ type: z.nullish(z.array(z.string())) })),
});

export const positionPageSchema = graphPage(positionSchema);

export type Position = z.infer<typeof positionSchema>;
export type PositionPage = z.infer<typeof positionPageSchema>;
export type PositionDetail = z.infer<typeof positionDetail>;
export type CompanyDetail = z.infer<typeof companyDetail>;
export type PhysicalAddress = z.infer<typeof physicalAddress>;
export type RelatedPerson = z.infer<typeof relatedPerson>;
