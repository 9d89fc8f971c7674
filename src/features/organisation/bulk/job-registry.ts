import { othersQueue, readNextPositionsPage } from '../api/graph-batches';
import { JobRunner } from './job-runner';
import {
  IndexedDbJournal,
  type JobJournal,
  type JobRecord,
  type JobSpec,
  type PersonEntry,
} from './journal';

/**
 * The page's bulk jobs: the journal they are kept in, and the runners going in this tab.
 * A runner lives as long as the page (moving around the app does not stop it). Each runs
 * under a Web Lock named after its job, so a second tab never runs the same job, and a
 * job whose tab died (its lock released) can be resumed.
 */
let journal: JobJournal | undefined;
const runners = new Map<string, JobRunner>();
const runnerListeners = new Set<() => void>();

/** Hears when a runner starts in this tab. */
export function subscribeToRunners(listener: () => void): () => void {
  runnerListeners.add(listener);
  return () => runnerListeners.delete(listener);
}

export const runnerCount = (): number => runners.size;

export function jobJournal(): JobJournal {
  journal ??= new IndexedDbJournal();
  return journal;
}

const lockName = (jobId: string) => `profile-editor-bulk-job:${jobId}`;

export async function createJob(
  accountId: string,
  title: string,
  spec: JobSpec,
  people: readonly { id: string; name: string; userPrincipalName: string }[],
): Promise<string> {
  const now = new Date().toISOString();
  const job: JobRecord = {
    id: crypto.randomUUID(),
    accountId,
    title,
    spec,
    status: 'running',
    total: people.length,
    createdAt: now,
    updatedAt: now,
  };
  const entries: PersonEntry[] = people.map((person) => ({
    jobId: job.id,
    userId: person.id,
    name: person.name,
    userPrincipalName: person.userPrincipalName,
    state: 'waiting',
    pending: [],
    attempts: 0,
    outcomes: [],
  }));
  await jobJournal().createJob(job, entries);
  return job.id;
}

export function runnerOf(jobId: string): JobRunner | undefined {
  return runners.get(jobId);
}

/** Job names another tab is running now (their locks are held). */
async function jobsRunningElsewhere(): Promise<Set<string>> {
  const locks = (await navigator.locks.query()).held ?? [];
  return new Set(locks.map((lock) => lock.name ?? ''));
}

/**
 * Starts (or resumes) a job in this tab from what the journal holds. Resolves with its
 * runner once it is going; rejects when another tab is running it.
 */
export async function startJob(jobId: string): Promise<JobRunner> {
  const existing = runners.get(jobId);
  if (existing) return existing;
  const job = await jobJournal().getJob(jobId);
  if (!job) throw new Error('This job is not in this browser’s journal.');
  const people = await jobJournal().people(jobId);
  return new Promise<JobRunner>((resolve, reject) => {
    navigator.locks
      .request(lockName(jobId), { ifAvailable: true }, async (lock) => {
        if (!lock) {
          reject(new Error('Another tab is running this job.'));
          return;
        }
        // A resumed job starts where it stood, paused jobs stay paused until resumed.
        const queue = othersQueue({ onChange: () => runner.changed() });
        const runner = new JobRunner(job, people, {
          journal: jobJournal(),
          queue,
          readMore: readNextPositionsPage,
        });
        runners.set(jobId, runner);
        for (const listener of runnerListeners) listener();
        resolve(runner);
        await runner.run();
      })
      .catch(reject);
  });
}

/** The account's jobs that stopped before they finished (a reload, a crashed tab) and run nowhere now. */
export async function interruptedJobs(accountId: string): Promise<JobRecord[]> {
  const [jobs, elsewhere] = await Promise.all([
    jobJournal().listJobs(accountId),
    jobsRunningElsewhere(),
  ]);
  return jobs.filter(
    (job) =>
      (job.status === 'running' || job.status === 'paused') &&
      !runners.has(job.id) &&
      !elsewhere.has(lockName(job.id)),
  );
}

export async function discardJob(jobId: string): Promise<void> {
  await jobJournal().deleteJob(jobId);
}
