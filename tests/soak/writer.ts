import {
  isTransient as isTransientGuard,
  retryDelayMs,
  shouldRetry,
  shouldRetryCreate,
} from '../../src/graph/retry-policy';
import { GraphError, isNetworkError, type GraphCaller, type PhaseStats } from './graph-caller';
import {
  newRecord,
  valueOf,
  type Ledger,
  type PositionLedger,
  type Property,
  type WriteRecord,
} from './ledger';

/**
 * One simulated user of the app, writing their own profile positions as fast as the
 * service lets them, with the app's client behaviour:
 *   - transient failures (429, 503, no answer) are retried with the app's retry policy
 *     (src/graph/retry-policy.ts: MAX_ATTEMPTS in all, Retry-After or jittered back-off),
 *     called as React Query calls it: with the failures before the current one;
 *   - a create is re-sent by itself only after a 429; after any failure that leaves it
 *     unknown whether it was made (503, no answer) the writer lists the user's positions
 *     and looks for the create's marker before posting again;
 *   - a PATCH carries If-Match with the last known etag; a 412 is reconciled by
 *     re-reading: the value already there means an earlier attempt landed (acknowledged),
 *     otherwise it is re-sent with the fresh etag;
 *   - a DELETE retried after an uncertain failure that gets 404 is done.
 */

export interface OwnPosition {
  id: string;
  marker: string;
  etag: string;
  categories: unknown;
  detail: Record<string, unknown>;
  ledger: PositionLedger;
  /** The last write to it ended unknown: re-read it before the next one. */
  stale: boolean;
  /** Shared with another writer, who writes the other property. */
  shared: boolean;
}

interface StoredBody {
  '@odata.etag': string;
  id: string;
  categories?: unknown;
  detail?: Record<string, unknown> | null;
}

export interface WriterOptions {
  index: number;
  userId: string;
  ledger: Ledger;
  stats: PhaseStats;
  /** Share of operations that are deletes of one of the writer's positions (when it has two or more). */
  deleteShare: number;
  createShare: number;
  /** A position shared with another writer, and the one property this writer writes on it. */
  shared?: { position: OwnPosition; property: Property; share: number };
  /** Set when the server is gone for good (SIGKILL): stop at once, leave what is in flight unknown. */
  halted?: () => boolean;
  /** 412s in a row on one PATCH before giving up (only a shared position gets real conflicts). */
  maxConflicts?: number;
  /** The writer's own seeded generator: every choice it makes (what to write, back-off) comes from it. */
  random: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/*
 * The policy's functions take the count as React Query passes it: the failures *before*
 * the current one (0 when the first attempt failed). Here `failures` counts the current
 * one too, hence the `- 1`.
 */
const retryAgain = (failures: number, error: GraphError): boolean =>
  shouldRetry(failures - 1, error);
const retryCreateAgain = (failures: number, error: GraphError): boolean =>
  shouldRetryCreate(failures - 1, error);
const delayBefore = (failures: number, error: GraphError, random: () => number): number =>
  retryDelayMs(failures - 1, error, random);

/** The app's classification, without narrowing (a GraphError that is not transient is still a GraphError). */
const isTransient = (error: GraphError): boolean => isTransientGuard(error);

const describe = (error: GraphError): string =>
  isNetworkError(error) ? 'net' : String(error.status);

/** Thrown out of a reconciliation read when the server is gone (phase B). */
class Halted extends Error {}

export class Writer {
  readonly own = new Map<string, OwnPosition>();
  private seq = 0;
  caller!: GraphCaller;

  constructor(readonly options: WriterOptions) {}

  private get stats(): PhaseStats {
    return this.options.stats;
  }

  private get random(): () => number {
    return this.options.random;
  }

  private halted(): boolean {
    return this.options.halted?.() ?? false;
  }

  private positionsPath(): string {
    return '/me/profile/positions';
  }

  /** Adopts a server body as the writer's view of one of its positions. */
  adopt(ledger: PositionLedger, body: StoredBody, shared = false): OwnPosition {
    const known =
      this.own.get(ledger.marker) ?? (shared ? this.options.shared?.position : undefined);
    const position: OwnPosition = known ?? {
      id: body.id,
      marker: ledger.marker,
      etag: '',
      categories: null,
      detail: {},
      ledger,
      stale: false,
      shared,
    };
    position.id = body.id;
    position.etag = body['@odata.etag'];
    position.categories = body.categories;
    position.detail = { ...(body.detail ?? {}) };
    position.stale = false;
    if (!position.shared) this.own.set(ledger.marker, position);
    return position;
  }

  /** Runs operations until `stop()` says so; the one under way is always finished. */
  async run(stop: () => boolean): Promise<void> {
    while (!stop() && !this.halted()) {
      try {
        await this.step();
      } catch (error) {
        if (error instanceof Halted) return;
        throw error;
      }
    }
  }

  async step(): Promise<void> {
    const { shared } = this.options;
    if (shared && this.random() < shared.share) {
      if (shared.position.stale && !(await this.resync(shared.position))) return;
      return this.patch(shared.position, shared.property);
    }
    const live = [...this.own.values()];
    const roll = this.random();
    if (live.length === 0 || roll < this.options.createShare) return this.create();
    const position = live[Math.floor(this.random() * live.length)];
    if (position.stale && !(await this.resync(position))) return;
    if (!this.own.has(position.marker)) return; // gone (an unknown delete had landed)
    if (live.length >= 2 && roll < this.options.createShare + this.options.deleteShare)
      return this.remove(position);
    return this.patch(position, this.random() < 0.5 ? 'categories' : 'jobTitle');
  }

  private nextMarker(): { marker: string; tag: string } {
    this.seq += 1;
    return {
      marker: `soak:w${this.options.index}:${this.seq}`,
      tag: `w${this.options.index}-${this.seq}`,
    };
  }

  /** Ends a write as unknown because the server was killed under it. */
  private haltedDuring(record: WriteRecord, position?: OwnPosition): never {
    record.outcome = 'unknown';
    record.via = 'killed';
    if (position) position.stale = true;
    throw new Halted();
  }

  // ---------------------------------------------------------------- create

  async create(): Promise<void> {
    const { marker, tag } = this.nextMarker();
    const body = {
      detail: {
        jobTitle: `Soak ${tag}`,
        description: marker,
        startMonthYear: '2020-01-01',
        company: { displayName: 'Soak Test Ltd.' },
      },
      categories: ['soak', `${tag}-c0`],
      isCurrent: true,
      allowedAudiences: 'organization',
    };
    const record = newRecord('create', this.options.index, marker);
    const ledger = this.options.ledger.open(
      marker,
      this.options.userId,
      { categories: JSON.stringify(body.categories), jobTitle: body.detail.jobTitle },
      record,
    );

    // Every failure that may have stored the create (503, no answer) is reconciled at once, by
    // looking for its marker: the next attempt always starts from "nothing stored".
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      let error: GraphError;
      try {
        const { data } = await this.caller.request<StoredBody>('POST', this.positionsPath(), {
          body,
        });
        record.trail.push('201');
        this.adopt(ledger, data);
        record.outcome = 'acked';
        record.via = attempt === 1 ? 'direct' : 'retry';
        return;
      } catch (caught) {
        if (!(caught instanceof GraphError)) throw caught;
        error = caught;
        record.trail.push(describe(caught));
      }
      if (this.halted()) this.haltedDuring(record);
      failures += 1;
      if (error.status === 429) {
        // Throttled before any work: nothing was stored by this attempt.
        if (retryCreateAgain(failures, error)) {
          await sleep(delayBefore(failures, error, this.random));
          this.stats.retries += 1;
          continue;
        }
        record.outcome = 'rejected';
        record.via = 'gave-up (429)';
        this.stats.gaveUp += 1;
        return;
      }
      if (!isTransient(error)) {
        this.stats.note(
          `create ${marker}: unexpected ${error.status} ${error.code}: ${error.message}`,
        );
        record.outcome = 'rejected';
        record.via = `error ${error.status}`;
        return;
      }

      // Did an attempt land? Look for the marker before posting again.
      this.stats.createReconciliations += 1;
      const found = await this.findByMarker(marker, record);
      if (found === 'unknown') {
        record.outcome = 'unknown';
        record.via = 'gave-up (reconciliation failed)';
        this.stats.gaveUp += 1;
        return;
      }
      if (found) {
        this.stats.createFoundByMarker += 1;
        if (isNetworkError(error)) this.stats.lostResponseReconciliations += 1;
        else
          this.stats.note(
            `create ${marker}: stored although every failure was an answered 429/503 (injected faults must change nothing)`,
          );
        this.adopt(ledger, found);
        record.outcome = 'acked';
        record.via = 'reconciled-list';
        return;
      }
      this.stats.createNotFoundByMarker += 1;
      // As the app does: the error, marked as known not to have created anything, goes to the create policy.
      if (!retryCreateAgain(failures, Object.assign(error, { confirmedNotCreated: true }))) {
        record.outcome = 'rejected';
        record.via = 'gave-up (not stored)';
        this.stats.gaveUp += 1;
        return;
      }
      await sleep(delayBefore(failures, error, this.random));
      this.stats.retries += 1;
    }
  }

  /** The user's position carrying `marker`, null when there is none, 'unknown' when listing failed. */
  private async findByMarker(
    marker: string,
    record: WriteRecord,
  ): Promise<StoredBody | null | 'unknown'> {
    let url: string | undefined = `${this.positionsPath()}?$top=999`;
    const matches: StoredBody[] = [];
    while (url) {
      const page: { value: StoredBody[]; '@odata.nextLink'?: string } | null | 'unknown' =
        await this.read<{ value: StoredBody[]; '@odata.nextLink'?: string }>(url, record);
      if (page === 'unknown' || page === null) return 'unknown';
      matches.push(...page.value.filter((position) => position.detail?.description === marker));
      url = page['@odata.nextLink'];
    }
    if (matches.length > 1)
      this.stats.note(`create ${marker}: reconciliation found ${matches.length} copies`);
    return matches[0] ?? null;
  }

  /** GET with the app's retry policy: the answer, null for 404, 'unknown' when every attempt failed. */
  private async read<T>(
    url: string,
    record: WriteRecord,
    position?: OwnPosition,
  ): Promise<T | null | 'unknown'> {
    for (let failures = 0; ;) {
      try {
        const { data } = await this.caller.request<T>('GET', url);
        record.trail.push('GET 200');
        return data;
      } catch (caught) {
        if (!(caught instanceof GraphError)) throw caught;
        record.trail.push(`GET ${describe(caught)}`);
        if (this.halted()) this.haltedDuring(record, position);
        if (caught.status === 404) return null;
        failures += 1;
        if (!retryAgain(failures, caught)) {
          if (!isTransient(caught))
            this.stats.note(`GET ${url}: unexpected ${caught.status} ${caught.code}`);
          return 'unknown';
        }
        await sleep(delayBefore(failures, caught, this.random));
      }
    }
  }

  /** Re-reads a position whose last write ended unknown; false when that failed too. */
  private async resync(position: OwnPosition): Promise<boolean> {
    // A throwaway record: a resync is a read, it writes nothing.
    const probe = newRecord('patch', this.options.index, position.marker);
    const current = await this.read<StoredBody>(
      `${this.positionsPath()}/${position.id}`,
      probe,
      position,
    );
    if (current === 'unknown') return false;
    if (current === null) {
      if (position.shared) this.stats.note(`shared position ${position.marker} is gone`);
      this.own.delete(position.marker);
      return false;
    }
    this.adopt(position.ledger, current, position.shared);
    return true;
  }

  // ---------------------------------------------------------------- patch

  async patch(position: OwnPosition, property: Property): Promise<void> {
    const { tag } = this.nextMarker();
    const body =
      property === 'categories'
        ? { categories: ['soak', `${tag}-c`] }
        : { detail: { ...position.detail, jobTitle: `Soak ${tag}` } }; // a complex value goes whole (graph-profile-api.md)
    const value = valueOf({ id: position.id, ...body }, property);
    const record = newRecord('patch', this.options.index, position.marker, property, value);
    position.ledger.patches.push(record);

    let etag = position.etag;
    let failures = 0;
    let conflicts = 0;
    let uncertain = false;
    let noAnswer = false;
    for (let attempt = 1; ; attempt += 1) {
      let error: GraphError;
      try {
        const { data } = await this.caller.request<StoredBody>(
          'PATCH',
          `${this.positionsPath()}/${position.id}`,
          { body, ifMatch: etag },
        );
        record.trail.push('200');
        this.adopt(position.ledger, data, position.shared);
        record.outcome = 'acked';
        record.via = attempt === 1 ? 'direct' : 'retry';
        return;
      } catch (caught) {
        if (!(caught instanceof GraphError)) throw caught;
        error = caught;
        record.trail.push(describe(caught));
      }
      if (this.halted()) this.haltedDuring(record, position);

      if (error.status === 412) {
        this.stats.preconditionFailed += 1;
        if (!uncertain && !position.shared)
          this.stats.note(
            `PATCH ${position.marker}: 412 although nobody else writes it and no attempt was uncertain`,
          );
        const current = await this.read<StoredBody>(
          `${this.positionsPath()}/${position.id}`,
          record,
          position,
        );
        if (current === null || current === 'unknown') {
          if (current === null) this.stats.note(`PATCH ${position.marker}: the position is gone`);
          record.outcome = uncertain ? 'unknown' : 'rejected';
          record.via = 'gave-up (re-read after 412 failed)';
          position.stale = true;
          this.stats.gaveUp += 1;
          return;
        }
        this.adopt(position.ledger, current, position.shared);
        if (valueOf(current, property) === value) {
          // Only this writer writes this property, and the value is unique: an earlier attempt landed.
          this.stats.reconciled412Applied += 1;
          if (noAnswer) this.stats.lostResponseReconciliations += 1;
          else
            this.stats.note(
              `PATCH ${position.marker}: applied although every failure was an answered 429/503`,
            );
          record.outcome = 'acked';
          record.via = 'reconciled-412';
          return;
        }
        // Not there, and nobody else writes it: no attempt so far landed. Send again on the fresh etag.
        uncertain = false;
        noAnswer = false;
        conflicts += 1;
        if (conflicts > (this.options.maxConflicts ?? 25)) {
          record.outcome = 'rejected';
          record.via = 'gave-up (conflicts)';
          this.stats.gaveUp += 1;
          return;
        }
        this.stats.reconciled412Resent += 1;
        etag = current['@odata.etag'];
        await sleep(this.random() * 5);
        continue;
      }

      if (isTransient(error)) {
        failures += 1;
        if (error.status !== 429) uncertain = true;
        noAnswer ||= isNetworkError(error);
        if (await this.retryTransient(failures, error)) continue;
        this.giveUp(record, position, uncertain);
        return;
      }

      this.stats.note(
        `PATCH ${position.marker}: unexpected ${error.status} ${error.code}: ${error.message}`,
      );
      record.outcome = uncertain ? 'unknown' : 'rejected';
      record.via = `error ${error.status}`;
      position.stale = true;
      return;
    }
  }

  /** After a transient failure of an idempotent write: waits and says true when the policy allows another try. */
  private async retryTransient(failures: number, error: GraphError): Promise<boolean> {
    if (!retryAgain(failures, error)) return false;
    await sleep(delayBefore(failures, error, this.random));
    this.stats.retries += 1;
    return true;
  }

  /** Records a PATCH or DELETE given up after its retries; the position must be re-read before the next write. */
  private giveUp(record: WriteRecord, position: OwnPosition, uncertain: boolean): void {
    record.outcome = uncertain ? 'unknown' : 'rejected';
    record.via = 'gave-up';
    position.stale = true;
    this.stats.gaveUp += 1;
  }

  // ---------------------------------------------------------------- delete

  async remove(position: OwnPosition): Promise<void> {
    const record = newRecord('delete', this.options.index, position.marker);
    position.ledger.deletes.push(record);
    let etag = position.etag;
    let failures = 0;
    let conflicts = 0;
    let uncertain = false;
    let noAnswer = false;
    for (let attempt = 1; ; attempt += 1) {
      let error: GraphError;
      try {
        await this.caller.request<undefined>('DELETE', `${this.positionsPath()}/${position.id}`, {
          ifMatch: etag,
        });
        record.trail.push('204');
        record.outcome = 'acked';
        record.via = attempt === 1 ? 'direct' : 'retry';
        this.own.delete(position.marker);
        return;
      } catch (caught) {
        if (!(caught instanceof GraphError)) throw caught;
        error = caught;
        record.trail.push(describe(caught));
      }
      if (this.halted()) this.haltedDuring(record, position);

      if (error.status === 404) {
        if (uncertain) {
          // An earlier attempt went through: the goal is met.
          this.stats.delete404AfterRetry += 1;
          if (noAnswer) this.stats.lostResponseReconciliations += 1;
          else
            this.stats.note(
              `DELETE ${position.marker}: gone although every failure was an answered 429/503`,
            );
          record.outcome = 'acked';
          record.via = 'reconciled-404';
        } else {
          this.stats.note(`DELETE ${position.marker}: 404 on a position nobody else deletes`);
          record.outcome = 'rejected';
          record.via = 'error 404';
        }
        this.own.delete(position.marker);
        return;
      }

      if (error.status === 412) {
        // Only this writer writes its positions, so the etag cannot have moved: worth reporting.
        this.stats.preconditionFailed += 1;
        this.stats.note(`DELETE ${position.marker}: 412 on a position nobody else writes`);
        const current = await this.read<StoredBody>(
          `${this.positionsPath()}/${position.id}`,
          record,
          position,
        );
        if (current === null || current === 'unknown' || ++conflicts > 3) {
          record.outcome = uncertain ? 'unknown' : 'rejected';
          record.via = 'gave-up (412)';
          if (current === null) this.own.delete(position.marker);
          else position.stale = true;
          this.stats.gaveUp += 1;
          return;
        }
        this.adopt(position.ledger, current);
        this.stats.reconciled412Resent += 1;
        etag = current['@odata.etag'];
        continue;
      }

      if (isTransient(error)) {
        failures += 1;
        if (error.status !== 429) uncertain = true;
        noAnswer ||= isNetworkError(error);
        if (await this.retryTransient(failures, error)) continue;
        this.giveUp(record, position, uncertain);
        return;
      }

      this.stats.note(
        `DELETE ${position.marker}: unexpected ${error.status} ${error.code}: ${error.message}`,
      );
      record.outcome = uncertain ? 'unknown' : 'rejected';
      record.via = `error ${error.status}`;
      position.stale = true;
      return;
    }
  }
}
