import type { Db } from './database.js';
import { DEMO_ORG_CONTACTS, DEMO_USER_IDS } from './demo-directory.js';

/** An organisational contact as Graph returns one (`microsoft.graph.orgContact`). */
export interface OrgContact {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  companyName: string | null;
  department: string | null;
  jobTitle: string | null;
}

export interface OrgContactRecord {
  contact: OrgContact;
  managerId: string | null;
}

/** Contacts in the directory: they can report to a manager, and nothing else here. */
export class OrgContactStore {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces, so seeding twice leaves one of each. */
  put(records: OrgContactRecord[]): void {
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO org_contacts (id, manager_id, body) VALUES (?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const { contact, managerId } of records)
        insert.run(contact.id, managerId, JSON.stringify(contact));
    })();
  }

  directReports(managerId: string): OrgContactRecord[] {
    const rows = this.db
      .prepare(
        "SELECT body, manager_id FROM org_contacts WHERE manager_id = ? ORDER BY json_extract(body, '$.displayName'), id",
      )
      .all(managerId) as { body: string; manager_id: string | null }[];
    return rows.map((row) => ({
      contact: JSON.parse(row.body) as OrgContact,
      managerId: row.manager_id,
    }));
  }

  delete(ids: string[]): void {
    const remove = this.db.prepare('DELETE FROM org_contacts WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }
}

/** The demo directory's contacts (emulator/store/demo-directory.ts); safe to run on every start. */
export function seedDemoOrgContacts(db: Db): void {
  new OrgContactStore(db).put(
    DEMO_ORG_CONTACTS.map(({ manager, ...contact }) => ({
      contact,
      managerId: DEMO_USER_IDS[manager],
    })),
  );
}
