import { NO_DATE } from '../model/work-position.js';
import type { DirectoryUser } from './directory-store.js';

/**
 * The Contoso demo directory: who exists, their ids, roles and positions. Defined once;
 * the seed, the emulator's tests, the browser tests, the soak and the benchmark all read
 * it from here.
 */
export const DEMO_PASSWORD = 'Passw0rd!';
export const DEMO_TENANT = { id: '6e6a1a4c-6f1e-4b0a-9c55-0c0f1ac0b5d3', name: 'Contoso' };

/** Stable ids, so URLs and tests can name the demo people. */
export const DEMO_USER_IDS = {
  megan: '547cc18e-0b37-460b-a7a6-8c3a81c26fa1',
  adele: '191f7093-e667-4b6d-9ec3-5dd5ad5be7a0',
  alex: 'b7fa9fe9-e8b0-41c3-b61f-5c07efd8de1a',
  diego: '3b8b335d-3416-4cc5-9cb1-7c1588ba05a5',
  lee: '5fff9fd5-6560-45e6-bef7-509e706edc23',
  isaiah: 'a4bb7a81-bd92-40d2-9888-d2e1ea600702',
  patti: 'fd748926-1d0d-45c1-8c36-627f8acd11e4',
} as const;

/**
 * One seeded position. Besides tidy ones entered by their person, the directory holds data
 * as real tenants hold it (graph-profile-api.md, "Data as real tenants hold it"): written
 * by a syncing service, sentinel dates, empty names, null collections, web addresses
 * without a scheme, flags and unknown audiences. A client must show these and send them
 * back untouched.
 */
export interface SeedPosition {
  jobTitle: string;
  /** '' as a sync leaves it when it knows no company name. */
  company: string;
  department?: string;
  officeLocation?: string;
  /** As typed: 'contoso.com' has no scheme. */
  webUrl?: string;
  address?: Record<string, string>;
  /** Edm.Date; '0001-01-01' is the "no value" sentinel. */
  start: string;
  end?: string;
  isCurrent: boolean;
  /** `null`: never filled, as Graph returns such a collection. Default []. */
  categories?: string[] | null;
  /** People this position names, from the directory or free names; `null` as above. Default []. */
  colleagues?: SeedPerson[] | null;
  /** Default none (null). */
  manager?: SeedPerson;
  /** One member, a flags combination ('organization,federatedOrganizations') or 'unknownFutureValue'. Default 'organization'. */
  audience?: string;
  description?: string;
  /**
   * Written by a service rather than by the person: its name in `createdBy.application`
   * and `lastModifiedBy.application`, the `source` it sets (null for none) and when.
   * Default: entered by the person on 2024-03-01, `source` null (as in Microsoft's examples).
   */
  syncedBy?: { application: string; source: string[] | null; at: string };
}

/** Someone a position names: a person of the demo directory, or a free name (not in it). */
export type SeedPerson = { directory: keyof typeof DEMO_USER_IDS } | { name: string };

/** The "no value" timestamp real tenants return (graph-profile-api.md). */
export const NO_DATE_TIME = '0001-01-01T00:00:00Z';

export type SeedUser = Omit<
  DirectoryUser,
  'id' | 'businessPhones' | 'mobilePhone' | 'preferredLanguage' | 'mail'
> & {
  key: keyof typeof DEMO_USER_IDS;
  manager?: keyof typeof DEMO_USER_IDS;
  roles?: string[];
  positions: SeedPosition[];
};

const CONTOSO = 'Contoso';

export const DEMO_USERS: SeedUser[] = [
  {
    key: 'megan',
    displayName: 'Megan Bowen',
    givenName: 'Megan',
    surname: 'Bowen',
    userPrincipalName: 'megan@contoso.com',
    jobTitle: 'Marketing Manager',
    department: 'Marketing',
    officeLocation: '12/1110',
    roles: ['User Administrator'],
    positions: [
      {
        jobTitle: 'Marketing Manager',
        company: CONTOSO,
        department: 'Marketing',
        officeLocation: '12/1110',
        start: '2015-04-01',
        isCurrent: true,
        categories: ['marketing', 'team leadership'],
        manager: { directory: 'patti' },
        colleagues: [{ directory: 'diego' }, { directory: 'lee' }],
        // allowedAudiences is a flags enumeration in Graph's metadata.
        audience: 'organization,federatedOrganizations',
      },
      {
        jobTitle: 'Brand Specialist',
        company: 'Litware, Inc.',
        department: 'Brand',
        start: '2009-09-01',
        end: '2015-03-01',
        isCurrent: false,
        manager: { name: 'Dana Whitfield' },
        // From SharePoint's user profiles (UPA).
        syncedBy: { application: 'UPA', source: ['UPA'], at: '2024-06-11T14:03:27.5178035Z' },
      },
    ],
  },
  {
    key: 'adele',
    displayName: 'Adele Vance',
    givenName: 'Adele',
    surname: 'Vance',
    userPrincipalName: 'adele@contoso.com',
    jobTitle: 'Retail Manager',
    department: 'Retail',
    officeLocation: '18/2111',
    manager: 'megan',
    positions: [
      // Microsoft's own example for "Update workPosition".
      {
        jobTitle: 'Auditor',
        company: 'Contoso Ltd.',
        department: 'Finance',
        officeLocation: '12/1110',
        address: {
          type: 'business',
          street: '30 Isabella St., Second Floor',
          city: 'Pittsburgh',
          state: 'PA',
          countryOrRegion: 'US',
          postalCode: '15212',
        },
        start: '2001-01-01',
        isCurrent: true,
        audience: 'organization',
      },
      {
        jobTitle: 'Retail Manager',
        company: CONTOSO,
        department: 'Retail',
        officeLocation: '18/2111',
        start: '2016-08-01',
        isCurrent: true,
        categories: ['retail', 'team leadership'],
        description: 'Runs the flagship stores in the Pittsburgh area.',
        colleagues: [{ directory: 'alex' }],
      },
      {
        jobTitle: 'Sales Associate',
        company: 'Fabrikam, Inc.',
        department: 'Sales',
        start: '1998-06-01',
        end: '2000-12-01',
        isCurrent: false,
        categories: ['sales'],
        // At another company: nobody there is in Contoso's directory.
        manager: { name: 'Karen Berg' },
        colleagues: [{ name: 'Tomás Ruiz' }, { name: 'Nina Okafor' }],
      },
      // From the directory (Entra ID), with every kind of untidiness real tenants show.
      {
        jobTitle: 'Regional Retail Lead',
        company: '',
        department: 'Retail',
        webUrl: 'contoso.com',
        start: NO_DATE,
        end: NO_DATE,
        isCurrent: true,
        categories: null,
        colleagues: null,
        syncedBy: { application: 'AAD', source: null, at: NO_DATE_TIME },
      },
    ],
  },
  {
    key: 'alex',
    displayName: 'Alex Wilber',
    givenName: 'Alex',
    surname: 'Wilber',
    userPrincipalName: 'alex@contoso.com',
    jobTitle: 'Marketing Assistant',
    department: 'Marketing',
    officeLocation: '131/1104',
    manager: 'megan',
    positions: [
      {
        jobTitle: 'Marketing Assistant',
        company: CONTOSO,
        department: 'Marketing',
        start: '2021-09-01',
        isCurrent: true,
        manager: { directory: 'megan' },
        colleagues: [{ directory: 'adele' }],
      },
    ],
  },
  {
    key: 'diego',
    displayName: 'Diego Siciliani',
    givenName: 'Diego',
    surname: 'Siciliani',
    userPrincipalName: 'diego@contoso.com',
    jobTitle: 'HR Manager',
    department: 'HR',
    officeLocation: '14/1108',
    roles: ['User Administrator'],
    positions: [
      {
        jobTitle: 'HR Manager',
        company: CONTOSO,
        department: 'HR',
        start: '2012-01-01',
        isCurrent: true,
        categories: ['people'],
        // An audience added after this client was written reads as unknownFutureValue.
        audience: 'unknownFutureValue',
      },
    ],
  },
  {
    key: 'lee',
    displayName: 'Lee Gu',
    givenName: 'Lee',
    surname: 'Gu',
    userPrincipalName: 'lee@contoso.com',
    jobTitle: 'Director',
    department: 'Research & Development',
    officeLocation: '23/3101',
    positions: [
      {
        jobTitle: 'Director',
        company: CONTOSO,
        department: 'Research & Development',
        start: '2010-05-01',
        isCurrent: true,
        categories: ['research'],
      },
    ],
  },
  {
    key: 'isaiah',
    displayName: 'Isaiah Langer',
    givenName: 'Isaiah',
    surname: 'Langer',
    userPrincipalName: 'isaiah@contoso.com',
    jobTitle: 'Sales Representative',
    department: 'Sales',
    officeLocation: '20/1101',
    positions: [
      {
        jobTitle: 'Sales Representative',
        company: CONTOSO,
        department: 'Sales',
        start: '2019-02-01',
        isCurrent: true,
      },
    ],
  },
  // The tenant's Global Administrator: may grant administrator consent (for herself or
  // for the whole organisation) and change anyone's profile. Manages nobody.
  {
    key: 'patti',
    displayName: 'Patti Fernandez',
    givenName: 'Patti',
    surname: 'Fernandez',
    userPrincipalName: 'patti@contoso.com',
    jobTitle: 'President',
    department: 'Executive Management',
    officeLocation: '15/1102',
    roles: ['Global Administrator'],
    positions: [
      {
        jobTitle: 'President',
        company: CONTOSO,
        department: 'Executive Management',
        officeLocation: '15/1102',
        start: '2008-03-01',
        isCurrent: true,
        categories: ['leadership'],
      },
    ],
  },
];

export type Persona = keyof typeof DEMO_USER_IDS;

/**
 * Organisational contacts: people outside the directory (a contractor, a partner) that
 * Entra lists among a manager's direct reports. Graph answers `directReports` with
 * directoryObjects, so these appear there as `#microsoft.graph.orgContact`, not as users:
 * they cannot sign in and have no profile to edit.
 */
export interface SeedOrgContact {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  companyName: string;
  department: string | null;
  jobTitle: string | null;
  manager: Persona;
}

export const DEMO_ORG_CONTACTS: SeedOrgContact[] = [
  {
    id: '2c4d7e0b-93a1-4f5e-8b6c-1d2e3f4a5b6c',
    displayName: 'Pradeep Gupta',
    givenName: 'Pradeep',
    surname: 'Gupta',
    mail: 'pradeep.gupta@fabrikam.com',
    companyName: 'Fabrikam, Inc.',
    department: 'Marketing',
    jobTitle: 'Marketing Consultant',
    manager: 'megan',
  },
];
