import { createHash } from 'node:crypto';
import { completeWritable } from '../model/work-position.js';
import type { Db } from './database.js';
import type { DirectoryUser } from './directory-store.js';
import { OrgContactStore, type OrgContactRecord } from './org-contact-store.js';
import { SettingsStore } from './settings-store.js';

/**
 * A generated directory for scale (`EMULATOR_DIRECTORY_SIZE`, `EMULATOR_DIRECTORY_SEED`):
 * that many people added to the demo directory, with departments, companies, job titles,
 * a management tree, an organisational contact now and then, and one to five positions
 * each, some of them untidy as real tenants' are. Everything follows from the seed: the
 * same size and seed give the same people, ids and positions.
 *
 * Generated people have no password, so they cannot sign in; tests and scripts can still
 * mint tokens for them. The demo people are left as they are.
 */
export interface DirectoryScale {
  /** Generated people; 0 for none. */
  size: number;
  seed: number;
}

export const MAX_DIRECTORY_SIZE = 100_000;
export const NO_GENERATED_DIRECTORY: DirectoryScale = { size: 0, seed: 1 };

export function directoryScaleFromEnv(
  env: Record<string, string | undefined> = process.env,
): DirectoryScale {
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}, not '${raw}'.`);
    return value;
  };
  return {
    size: read('EMULATOR_DIRECTORY_SIZE', 0, 0, MAX_DIRECTORY_SIZE),
    seed: read('EMULATOR_DIRECTORY_SEED', 1, 0, 2 ** 31 - 1),
  };
}

// --- deterministic randomness -------------------------------------------------------

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A UUID (version 4 layout) that is a function of its name. */
function uuidFrom(name: string): string {
  const bytes = digest(name);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32: small, fast and good enough to pick names; one stream per person. */
function randomFor(seed: number, stream: string) {
  let state = digest(`directory:${seed}:${stream}`).readUInt32LE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (probability: number) => next() < probability,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

type Random = ReturnType<typeof randomFor>;

/** Picks by weight: `[[value, weight], ...]`. */
function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1][0];
}

// --- what people are made of ----------------------------------------------------------

const GIVEN_NAMES = [
  'Aisha',
  'Alejandro',
  'Amelia',
  'Anders',
  'Ana',
  'Bao',
  'Beatriz',
  'Chen',
  'Chloé',
  'Daniel',
  'Dmitri',
  'Elif',
  'Emma',
  'Fatima',
  'Felix',
  'Gabriel',
  'Grace',
  'Hana',
  'Hiroshi',
  'Ingrid',
  'Isabel',
  'Jamal',
  'Joon',
  'Kavya',
  'Kofi',
  'Lars',
  'Leila',
  'Liam',
  'Lucía',
  'Mateo',
  'Maya',
  'Mohammed',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Rafael',
  'Sakura',
  'Samuel',
  'Sofia',
  'Tariq',
  'Thandiwe',
  'Tomás',
  'Valentina',
  'Wei',
  'Yara',
  'Yusuf',
  'Zanele',
  'Zoë',
];
const SURNAMES = [
  'Abe',
  'Adeyemi',
  'Andersson',
  'Bauer',
  'Costa',
  'Dubois',
  'Dvořák',
  'Eriksen',
  'Fernández',
  'García',
  'Gupta',
  'Hansen',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kim',
  'Kowalski',
  'Kumar',
  'Larsen',
  'Li',
  'López',
  'Martin',
  'Mensah',
  'Müller',
  'Nakamura',
  "O'Connor",
  'Okafor',
  'Park',
  'Patel',
  'Petrov',
  'Popescu',
  'Quispe',
  'Rossi',
  'Santos',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Suzuki',
  'Tanaka',
  'Van der Berg',
  'Wang',
  'Williams',
  'Yilmaz',
  'Zhang',
];

/** Departments with the titles of their individual contributors. */
const DEPARTMENTS: Record<string, readonly string[]> = {
  Sales: [
    'Sales Representative',
    'Account Executive',
    'Sales Associate',
    'Inside Sales Specialist',
  ],
  Marketing: ['Marketing Specialist', 'Content Strategist', 'Brand Designer', 'Marketing Analyst'],
  Finance: ['Accountant', 'Financial Analyst', 'Auditor', 'Payroll Specialist'],
  HR: ['HR Generalist', 'Recruiter', 'HR Business Partner', 'Learning Specialist'],
  Engineering: ['Software Engineer', 'Site Reliability Engineer', 'QA Engineer', 'Architect'],
  'Research & Development': ['Research Scientist', 'Lab Technician', 'Product Researcher'],
  Legal: ['Paralegal', 'Counsel', 'Compliance Analyst'],
  Operations: ['Operations Analyst', 'Logistics Coordinator', 'Facilities Coordinator'],
  'Customer Support': ['Support Engineer', 'Customer Success Manager', 'Support Specialist'],
  IT: ['Systems Administrator', 'Service Desk Analyst', 'Network Engineer'],
  Retail: ['Store Associate', 'Visual Merchandiser', 'Retail Planner'],
  Manufacturing: ['Production Technician', 'Quality Inspector', 'Process Engineer'],
};
const DEPARTMENT_NAMES = Object.keys(DEPARTMENTS);

/** The user's company: mostly Contoso, as real directories are, with the usual drift. */
const COMPANY_NAMES: readonly (readonly [string | null, number])[] = [
  ['Contoso', 80],
  ['Contoso Ltd.', 6],
  ['Fabrikam, Inc.', 4],
  ['Litware, Inc.', 3],
  [null, 3],
  ['', 2],
  ['contoso ', 2],
];
const PAST_EMPLOYERS = [
  'Fabrikam, Inc.',
  'Litware, Inc.',
  'Northwind Traders',
  'Tailspin Toys',
  'Woodgrove Bank',
  'Adventure Works',
  'Proseware, Inc.',
  'Wide World Importers',
  'Alpine Ski House',
  'Coho Winery',
];
const CATEGORIES = [
  'team leadership',
  'customer focus',
  'digital transformation',
  'ms graph',
  'mentoring',
  'budgeting',
  'public speaking',
  'data analysis',
  'project management',
  'sustainability',
];
/** Untidy on purpose, by position in every fifty people. */
const UNTIDY_PEOPLE: Partial<Record<number, 'emptyCompany' | 'noCompany' | 'noJobTitle'>> = {
  10: 'emptyCompany',
  11: 'noCompany',
  12: 'noJobTitle',
};
const CONTACT_COMPANIES = ['Fabrikam, Inc.', 'Litware, Inc.', 'Proseware, Inc.', 'Adatum'];

// --- generation -----------------------------------------------------------------------

export interface GeneratedPerson {
  user: DirectoryUser;
  managerId: string | null;
  positions: { id: string; body: Record<string, unknown> }[];
}

export interface GeneratedDirectory {
  people: GeneratedPerson[];
  contacts: OrgContactRecord[];
}

const personId = (seed: number, index: number) => uuidFrom(`generated-user:${seed}:${index}`);
const contactId = (seed: number, index: number) => uuidFrom(`generated-contact:${seed}:${index}`);
const contactCount = (size: number) => (size === 0 ? 0 : Math.max(1, Math.floor(size / 100)));

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** A timestamp with Graph's seven fractional digits. */
const timestamp = (random: Random, year: number) =>
  `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}T${String(random.int(7, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.0000000Z`;

/** Titles by depth in the tree: 0 the chief executive, then VPs, directors, managers. */
function titleFor(random: Random, depth: number, department: string, hasReports: boolean): string {
  if (depth === 0) return 'Chief Executive Officer';
  if (depth === 1) return `Vice President, ${department}`;
  if (depth === 2 && hasReports) return `Director of ${department}`;
  if (hasReports) return `${department} Manager`;
  const title = random.pick(DEPARTMENTS[department]);
  return random.chance(0.2) ? `Senior ${title}` : title;
}

interface Placement {
  managerIndex: number | null;
  depth: number;
  department: string;
}

/** Each person's manager comes before them, 5 to 9 reports a manager: a tree of depth ~5. */
function placeEveryone(seed: number, size: number): Placement[] {
  const placements: Placement[] = [];
  for (let index = 0; index < size; index++) {
    if (index === 0) {
      placements.push({ managerIndex: null, depth: 0, department: 'Executive' });
      continue;
    }
    const random = randomFor(seed, `place:${index}`);
    const managerIndex = random.int(Math.floor((index - 1) / 9), Math.floor((index - 1) / 5));
    const manager = placements[managerIndex];
    const department =
      manager.depth === 0
        ? DEPARTMENT_NAMES[(index - 1) % DEPARTMENT_NAMES.length]
        : random.chance(0.9)
          ? manager.department
          : random.pick(DEPARTMENT_NAMES);
    placements.push({ managerIndex, depth: manager.depth + 1, department });
  }
  return placements;
}

/** Who may see a position: flags values and unknownFutureValue appear, as in real tenants. */
const AUDIENCES: readonly (readonly [string, number])[] = [
  ['organization', 70],
  ['everyone', 8],
  ['contacts', 5],
  ['me', 5],
  ['organization,federatedOrganizations', 8],
  ['unknownFutureValue', 2],
  ['groupMembers', 2],
];
const ORIGINS = [
  ['User', 60],
  ['AAD', 25],
  ['UPA', 10],
  ['none', 5],
] as const;
/** Company web addresses, one in twenty without a scheme. */
const WEB_URLS: readonly (readonly [string | null, number])[] = [
  [null, 70],
  ['https://www.contoso.com', 25],
  ['contoso.com', 5],
];

/** Who wrote a position: the person, or a directory sync ("AAD", "UPA") as real tenants show. */
function provenance(random: Random, user: DirectoryUser) {
  const origin = weighted(random, ORIGINS);
  const by =
    origin === 'User' || origin === 'none'
      ? {
          user: { id: user.id, displayName: user.displayName },
          application: { id: null, displayName: 'Profile Editor' },
          device: null,
        }
      : { user: null, application: { id: null, displayName: origin }, device: null };
  return { by, source: origin === 'none' ? null : { type: [origin] } };
}

/**
 * A position with every writable member in its place, as the model completes one (empty
 * ones null), filled in below: built once from the model, copied for each position, which
 * is much cheaper than completing 30,000 positions one by one.
 */
const BLANK = completeWritable({ detail: { company: {} } }) as Record<string, unknown> & {
  detail: Record<string, unknown> & { company: Record<string, unknown> };
};
const BLANK_PERSON = (
  completeWritable({ manager: {}, detail: {} }) as { manager: Record<string, unknown> }
).manager;

function positionsFor(
  random: Random,
  seed: number,
  index: number,
  user: DirectoryUser,
  manager: DirectoryUser | null,
): GeneratedPerson['positions'] {
  const count = random.int(1, 5);
  const positions: GeneratedPerson['positions'] = [];
  // The current position started some time after 2005; earlier ones go back from there.
  let startYear = random.int(2005, 2025);
  let startMonth = random.int(1, 12);
  for (let n = 0; n < count; n++) {
    const current = n === 0;
    let endYear: number | null = null;
    let endMonth: number | null = null;
    if (!current) {
      [endYear, endMonth] = startMonth === 1 ? [startYear - 1, 12] : [startYear, startMonth - 1];
      startYear = endYear - random.int(1, 6);
      startMonth = random.int(1, 12);
      if (startYear === endYear && startMonth > endMonth) startMonth = endMonth;
    }
    const company = current ? (user.companyName ?? null) : random.pick(PAST_EMPLOYERS);
    const department = current ? user.department : random.pick(DEPARTMENT_NAMES);
    const jobTitle = current
      ? (user.jobTitle ?? 'Employee')
      : random.pick(DEPARTMENTS[department ?? 'Sales'] ?? DEPARTMENTS.Sales);
    const sentinelDates = random.chance(0.04);
    const { by, source } = provenance(random, user);
    const createdYear = random.int(2019, 2025);
    const body: Record<string, unknown> = {
      ...BLANK,
      allowedAudiences: weighted(random, AUDIENCES),
      categories: Array.from({ length: random.int(0, 3) }, () => random.pick(CATEGORIES)),
      colleagues: [],
      isCurrent: current,
      manager:
        current && manager
          ? {
              ...BLANK_PERSON,
              displayName: manager.displayName,
              relationship: 'manager',
              userId: manager.id,
              userPrincipalName: manager.userPrincipalName,
            }
          : null,
      detail: {
        ...BLANK.detail,
        jobTitle,
        startMonthYear: sentinelDates ? '0001-01-01' : monthStart(startYear, startMonth),
        endMonthYear:
          endYear === null || endMonth === null
            ? null
            : sentinelDates
              ? '0001-01-01'
              : monthStart(endYear, endMonth),
        employeeId: current ? `E${String(100000 + index)}` : null,
        company: {
          ...BLANK.detail.company,
          displayName: random.chance(0.05) ? '' : company,
          department,
          officeLocation: current ? user.officeLocation : null,
          webUrl: weighted(random, WEB_URLS),
        },
      },
      id: uuidFrom(`generated-position:${seed}:${index}:${n}`),
      createdBy: by,
      createdDateTime: timestamp(random, createdYear),
      lastModifiedBy: by,
      lastModifiedDateTime: random.chance(0.02)
        ? '0001-01-01T00:00:00Z'
        : timestamp(random, createdYear),
      source,
    };
    if (random.chance(0.05)) {
      body.categories = null;
      body.colleagues = null;
    }
    positions.push({ id: body.id as string, body });
  }
  return positions;
}

/** The whole generated directory for a size and seed, in memory. */
export function generateDirectory({ size, seed }: DirectoryScale): GeneratedDirectory {
  const placements = placeEveryone(seed, size);
  const hasReports = new Set(placements.map((placement) => placement.managerIndex));
  const people: GeneratedPerson[] = [];
  for (let index = 0; index < size; index++) {
    const random = randomFor(seed, `person:${index}`);
    // Every fiftieth person or so is untidy for sure, so that a small directory has each kind.
    const untidy = UNTIDY_PEOPLE[index % 50];
    const { managerIndex, depth, department } = placements[index];
    const givenName = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    const upn = `${ascii(givenName)}.${ascii(surname)}.${index + 1}@contoso.com`;
    const manager = managerIndex === null ? null : people[managerIndex].user;
    const user: DirectoryUser = {
      id: personId(seed, index),
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      userPrincipalName: upn,
      mail: upn,
      jobTitle:
        untidy === 'noJobTitle' || random.chance(0.03)
          ? null
          : titleFor(random, depth, department, hasReports.has(index)),
      department: random.chance(0.02) ? null : department,
      companyName:
        untidy === 'emptyCompany'
          ? ''
          : untidy === 'noCompany'
            ? null
            : depth === 0
              ? 'Contoso'
              : weighted(random, COMPANY_NAMES),
      officeLocation: `${random.int(1, 40)}/${random.int(1000, 4999)}`,
      businessPhones: [],
      mobilePhone: null,
      preferredLanguage: 'en-US',
    };
    people.push({
      user,
      managerId: manager?.id ?? null,
      positions: positionsFor(random, seed, index, user, manager),
    });
  }
  const managers = people.filter((_, index) => hasReports.has(index));
  const contacts: OrgContactRecord[] = Array.from({ length: contactCount(size) }, (_, n) => {
    const random = randomFor(seed, `contact:${n}`);
    const givenName = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    const companyName = random.pick(CONTACT_COMPANIES);
    const manager = managers.length ? random.pick(managers) : people[0];
    return {
      contact: {
        id: contactId(seed, n),
        displayName: `${givenName} ${surname}`,
        givenName,
        surname,
        mail: `${ascii(givenName)}.${ascii(surname)}@${ascii(companyName)}.example`,
        companyName,
        department: manager.user.department,
        jobTitle: random.chance(0.5) ? 'Contractor' : 'Consultant',
      },
      managerId: manager.user.id,
    };
  });
  return { people, contacts };
}

// --- storing it -----------------------------------------------------------------------

const MARKER = 'directory.generated';

/** Removes the people, positions and contacts a previous size and seed made. */
function removeGenerated(db: Db, { size, seed }: DirectoryScale): void {
  const deletePositions = db.prepare('DELETE FROM positions WHERE user_id = ?');
  const deleteUser = db.prepare('DELETE FROM users WHERE id = ?');
  for (let index = 0; index < size; index++) {
    const id = personId(seed, index);
    deletePositions.run(id);
    deleteUser.run(id);
  }
  new OrgContactStore(db).delete(
    Array.from({ length: contactCount(size) }, (_, n) => contactId(seed, n)),
  );
}

function insertGenerated(db: Db, directory: GeneratedDirectory): void {
  const insertUser = db.prepare(
    // No password: generated people cannot sign in.
    "INSERT INTO users (id, upn, body, manager_id, roles, password_hash) VALUES (?, ?, ?, ?, '[]', '')",
  );
  const insertPosition = db.prepare(
    'INSERT INTO positions (id, user_id, etag, created_seq, body) VALUES (?, ?, ?, ?, ?)',
  );
  let seq = (
    db.prepare('SELECT COALESCE(MAX(created_seq), 0) AS seq FROM positions').get() as {
      seq: number;
    }
  ).seq;
  for (const { user, managerId } of directory.people)
    insertUser.run(user.id, user.userPrincipalName, JSON.stringify(user), managerId);
  for (const { user, positions } of directory.people)
    for (const { id, body } of positions) {
      seq += 1;
      const etag = `W/"${digest(id).toString('base64url').slice(0, 12)}"`;
      insertPosition.run(id, user.id, etag, seq, JSON.stringify(body));
    }
  new OrgContactStore(db).put(directory.contacts);
}

export interface SeedingReport {
  scale: DirectoryScale;
  /** Milliseconds spent generating and writing, or null when the stored directory was kept. */
  seededInMs: number | null;
}

/**
 * Makes the stored generated directory match `scale`, in one transaction: kept as it is
 * (edits and all) when it already does, otherwise the previous one is removed and the new
 * one written.
 */
export function ensureGeneratedDirectory(db: Db, scale: DirectoryScale): SeedingReport {
  const settings = new SettingsStore(db);
  const previous = settings.get<DirectoryScale>(MARKER) ?? NO_GENERATED_DIRECTORY;
  const present =
    scale.size === 0 ||
    db.prepare('SELECT 1 FROM users WHERE id = ?').get(personId(scale.seed, 0)) !== undefined;
  if (previous.size === scale.size && previous.seed === scale.seed && present)
    return { scale, seededInMs: null };
  const started = performance.now();
  db.transaction(() => {
    removeGenerated(db, previous);
    if (scale.size > 0) insertGenerated(db, generateDirectory(scale));
    settings.set(MARKER, scale);
  })();
  return { scale, seededInMs: Math.round(performance.now() - started) };
}
