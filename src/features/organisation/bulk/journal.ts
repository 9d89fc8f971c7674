import type { ImportedRow } from '../csv/position-columns';
import type { BulkChange } from './change';
import type { PlannedWrite } from './plan';

/**
 * The journal of bulk jobs, kept in the browser (IndexedDB) so that a job survives a
 * reload or a crashed tab: what the job does, and for each person where it stands. A
 * write is journaled as in doubt *before* it is sent, and cleared once its answer is
 * recorded; a job resumed with writes in doubt reads those people again and plans again,
 * which finds a change that went through already done (never sent twice).
 */
export type JobSpec =
  | { kind: 'change'; change: BulkChange }
  | { kind: 'import'; fileName: string; rows: ImportedRow[] };

export type JobStatus = 'running' | 'paused' | 'finished' | 'cancelled';

export interface JobRecord {
  id: string;
  /** Whose job: the signed-in account (MSAL's homeAccountId). */
  accountId: string;
  title: string;
  spec: JobSpec;
  status: JobStatus;
  total: number;
  createdAt: string;
  updatedAt: string;
}

export type PersonState =
  'waiting' | 'reading' | 'writing' | 'done' | 'skipped' | 'failed' | 'cancelled';

export const FINAL_STATES: ReadonlySet<PersonState> = new Set([
  'done',
  'skipped',
  'failed',
  'cancelled',
]);

export interface WriteOutcome {
  positionId?: string;
  label: string;
  /** `confirmed`: its answer was lost, and a read showed it applied. */
  result: 'updated' | 'created' | 'confirmed' | 'skipped' | 'failed';
  /** Graph's request id, for whoever supports the user. */
  requestId?: string;
  /** Why, in plain words (skipped, failed). */
  message?: string;
  rowNumber?: number;
}

export interface PersonEntry {
  jobId: string;
  userId: string;
  name: string;
  userPrincipalName: string;
  state: PersonState;
  /** Writes sent (or about to be) whose answers are not recorded. */
  pending: PlannedWrite[];
  attempts: number;
  outcomes: WriteOutcome[];
}

export interface JobJournal {
  createJob(job: JobRecord, people: PersonEntry[]): Promise<void>;
  saveJob(job: JobRecord): Promise<void>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** The account's jobs, newest first. */
  listJobs(accountId: string): Promise<JobRecord[]>;
  people(jobId: string): Promise<PersonEntry[]>;
  savePeople(people: readonly PersonEntry[]): Promise<void>;
  deleteJob(id: string): Promise<void>;
}

const DB_NAME = 'profile-editor-bulk-jobs';
const JOBS = 'jobs';
const PEOPLE = 'people';

function done(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed.'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted.'));
  });
}

/**
 * The journal in IndexedDB: one store of jobs, one of people keyed by job and user.
 * Saves asked for in the same moment are written in one transaction; each caller hears
 * back once its save is committed.
 */
export class IndexedDbJournal implements JobJournal {
  private db: Promise<IDBDatabase> | undefined;
  private queued: PersonEntry[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name = DB_NAME,
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        const jobs = db.createObjectStore(JOBS, { keyPath: 'id' });
        jobs.createIndex('byAccount', 'accountId');
        const people = db.createObjectStore(PEOPLE, { keyPath: ['jobId', 'userId'] });
        people.createIndex('byJob', 'jobId');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened.'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab.'));
    });
    return this.db;
  }

  async createJob(job: JobRecord, people: PersonEntry[]): Promise<void> {
    const db = await this.open();
    const transaction = db.transaction([JOBS, PEOPLE], 'readwrite');
    transaction.objectStore(JOBS).put(job);
    const store = transaction.objectStore(PEOPLE);
    for (const person of people) store.put(person);
    await committed(transaction);
  }

  async saveJob(job: JobRecord): Promise<void> {
    const db = await this.open();
    const transaction = db.transaction(JOBS, 'readwrite');
    transaction.objectStore(JOBS).put(job);
    await committed(transaction);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const db = await this.open();
    return (await done(db.transaction(JOBS).objectStore(JOBS).get(id))) as JobRecord | undefined;
  }

  async listJobs(accountId: string): Promise<JobRecord[]> {
    const db = await this.open();
    const jobs = (await done(
      db.transaction(JOBS).objectStore(JOBS).index('byAccount').getAll(accountId),
    )) as JobRecord[];
    return jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async people(jobId: string): Promise<PersonEntry[]> {
    const db = await this.open();
    return (await done(
      db.transaction(PEOPLE).objectStore(PEOPLE).index('byJob').getAll(jobId),
    )) as PersonEntry[];
  }

  /** Saves asked for together go in one transaction, after the one being written. */
  savePeople(people: readonly PersonEntry[]): Promise<void> {
    // A copy: the caller goes on changing its entries while the write waits.
    this.queued.push(...people.map((person) => structuredClone(person)));
    const previous = this.flushing ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const batch = this.queued.splice(0);
        if (batch.length === 0) return;
        const db = await this.open();
        const transaction = db.transaction(PEOPLE, 'readwrite');
        const store = transaction.objectStore(PEOPLE);
        for (const person of batch) store.put(person);
        await committed(transaction);
      });
    this.flushing = next;
    return next;
  }

  async deleteJob(id: string): Promise<void> {
    const db = await this.open();
    const transaction = db.transaction([JOBS, PEOPLE], 'readwrite');
    transaction.objectStore(JOBS).delete(id);
    transaction.objectStore(PEOPLE).delete(IDBKeyRange.bound([id], [id, []]));
    await committed(transaction);
  }
}
