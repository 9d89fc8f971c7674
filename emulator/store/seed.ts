import type { Db } from './database.js';
import { DirectoryStore, hashPassword, type UserRecord } from './directory-store.js';
import { SqlitePositionsStore } from './positions-store.js';
import { completeWritable } from '../model/work-position.js';
import {
  DEMO_PASSWORD,
  DEMO_USER_IDS,
  DEMO_USERS,
  type SeedPerson,
  type SeedPosition,
  type SeedUser,
} from './demo-directory.js';

const ENTERED_AT = '2024-03-01T09:00:00Z';

/** A seeded relatedPerson: a person of the demo directory with their ids, or a name alone. */
function relatedPerson(person: SeedPerson, relationship: 'manager' | 'colleague') {
  if ('name' in person)
    return { displayName: person.name, relationship, userId: null, userPrincipalName: null };
  const seed = DEMO_USERS.find((user) => user.key === person.directory);
  if (!seed) throw new Error(`No demo user '${person.directory}'.`);
  return {
    displayName: seed.displayName,
    relationship,
    userId: DEMO_USER_IDS[seed.key],
    userPrincipalName: seed.userPrincipalName,
  };
}

/**
 * Stored as given, not through the write checks: seeded data is what a tenant already
 * holds, including values a client could not write (unknownFutureValue, null collections).
 */
function toPositionBody(owner: SeedUser, position: SeedPosition) {
  const props = completeWritable({
    isCurrent: position.isCurrent,
    detail: {
      jobTitle: position.jobTitle,
      startMonthYear: position.start,
      endMonthYear: position.end ?? null,
      description: position.description ?? null,
      company: {
        displayName: position.company,
        department: position.department ?? null,
        officeLocation: position.officeLocation ?? null,
        webUrl: position.webUrl ?? null,
        address: position.address ?? null,
      },
    },
  });
  const synced = position.syncedBy;
  // Entered by the person: Microsoft's examples show the user and no application.
  const by = synced
    ? { user: null, application: { id: null, displayName: synced.application }, device: null }
    : {
        user: { id: DEMO_USER_IDS[owner.key], displayName: owner.displayName },
        application: null,
        device: null,
      };
  const at = synced?.at ?? ENTERED_AT;
  return {
    ...props,
    allowedAudiences: position.audience ?? 'organization',
    categories: position.categories === undefined ? [] : position.categories,
    manager: position.manager ? relatedPerson(position.manager, 'manager') : null,
    colleagues:
      position.colleagues === undefined
        ? []
        : (position.colleagues?.map((person) => relatedPerson(person, 'colleague')) ?? null),
    createdBy: by,
    createdDateTime: at,
    lastModifiedBy: by,
    lastModifiedDateTime: at,
    source: synced?.source ? { type: synced.source } : null,
  };
}

/** Writes the Contoso demo directory into an empty database. */
export function seedDemoDirectory(db: Db): void {
  const directory = new DirectoryStore(db);
  const positions = new SqlitePositionsStore(db);
  const passwordHash = hashPassword(DEMO_PASSWORD);
  db.transaction(() => {
    for (const seed of DEMO_USERS) {
      const record: UserRecord = {
        user: {
          id: DEMO_USER_IDS[seed.key],
          displayName: seed.displayName,
          givenName: seed.givenName,
          surname: seed.surname,
          userPrincipalName: seed.userPrincipalName,
          mail: seed.userPrincipalName,
          jobTitle: seed.jobTitle,
          department: seed.department,
          officeLocation: seed.officeLocation,
          businessPhones: [],
          mobilePhone: null,
          preferredLanguage: 'en-US',
        },
        managerId: seed.manager ? DEMO_USER_IDS[seed.manager] : null,
        roles: seed.roles ?? [],
      };
      directory.insert(record, passwordHash);
    }
    for (const seed of DEMO_USERS) {
      for (const position of seed.positions)
        positions.create(DEMO_USER_IDS[seed.key], () => toPositionBody(seed, position));
    }
  })();
}

/** Seeds on first start. */
export function ensureSeeded(db: Db): void {
  if (new DirectoryStore(db).count() === 0) seedDemoDirectory(db);
}

/** Back to the demo state: directory, positions, consents and sign-in sessions; keys stay. */
export function resetDemoData(db: Db): void {
  db.transaction(() => {
    db.exec(
      'DELETE FROM positions; DELETE FROM users; DELETE FROM consents; DELETE FROM oidc_models;',
    );
  })();
  seedDemoDirectory(db);
}
