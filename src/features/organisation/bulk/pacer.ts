/**
 * How fast to send, learned from Graph's throttling. Graph does not say its limit; it
 * answers 429 with `Retry-After` once the application has used its allowance. Between two
 * moments at which the allowance ran out, everything Graph accepted is what it refilled:
 * that is the sustainable rate. The pacer sends freely until the first 429 (a full
 * allowance is a burst), then at the measured rate (a little over, so the allowance is
 * always used), and tries faster after a quiet spell in case the limit went up.
 *
 * A throttled request costs nothing but the round trip (Graph changes nothing for it), so
 * overshooting slightly keeps the allowance in use; undershooting for long would waste it.
 */
export interface PacerOptions {
  /** Requests that may go at once at the paced rate (one batch). */
  burst: number;
  now: () => number;
}

/** Two throttled answers closer than this are one event (batches in flight together). */
const SAME_EVENT_MS = 500;
const OVERSHOOT = 1.05;
/** Without a 429 for this long, try a faster rate. */
const PROBE_AFTER_MS = 3_000;
const PROBE_FACTOR = 1.2;
const MIN_RATE = 0.5;
/**
 * The longest the pacer itself holds a batch back (Graph's shortest Retry-After). Waiting
 * longer would let Graph's allowance fill up unused, and what Graph then accepts would
 * understate its rate: the estimate could only fall.
 */
const MAX_PACED_WAIT_MS = 1_000;
/** Without Retry-After, the pause after a throttled answer. */
export const DEFAULT_THROTTLE_PAUSE_MS = 1_000;

export class RatePacer {
  /** Requests a second Graph is believed to accept; unknown (no limit) until throttled. */
  private rate = Number.POSITIVE_INFINITY;
  private tokens: number;
  private tokensAt: number;
  private pausedUntil = 0;
  private lastThrottleAt: number | undefined;
  private acceptedSinceThrottle = 0;
  private lastChangeAt: number;

  constructor(private readonly options: PacerOptions) {
    this.tokens = options.burst;
    this.tokensAt = options.now();
    this.lastChangeAt = this.tokensAt;
  }

  /** The paced rate, requests a second (Infinity before the first 429). */
  get requestsPerSecond(): number {
    return this.rate;
  }

  /** Until when Graph asked us to wait (0: it did not). */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  private refill(now: number): void {
    if (Number.isFinite(this.rate))
      this.tokens = Math.min(
        this.options.burst,
        this.tokens + ((now - this.tokensAt) / 1000) * this.rate,
      );
    this.tokensAt = now;
  }

  /**
   * How many of `count` waiting requests to send next: a full batch, or at a slow pace
   * what the rate allows in MAX_PACED_WAIT_MS (so that nothing waits longer than that).
   */
  private nextSize(count: number): number {
    const paced = Math.max(1, Math.floor((this.rate * MAX_PACED_WAIT_MS) / 1000));
    return Math.min(count, this.options.burst, paced);
  }

  /** Milliseconds to wait before the next of `count` waiting requests may go; 0 for now. */
  delayFor(count: number): number {
    const now = this.options.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (!Number.isFinite(this.rate)) return 0;
    this.refill(now);
    const wanted = this.nextSize(count);
    if (this.tokens >= wanted) return 0;
    return Math.ceil(((wanted - this.tokens) / this.rate) * 1000);
  }

  /** How many of `count` waiting requests may go now (after `delayFor` said 0). */
  sizeNow(count: number): number {
    if (!Number.isFinite(this.rate)) return Math.min(count, this.options.burst);
    return Math.max(1, Math.min(this.nextSize(count), Math.floor(this.tokens)));
  }

  /** `count` requests are going now. */
  take(count: number): void {
    this.refill(this.options.now());
    if (Number.isFinite(this.rate)) this.tokens = Math.max(0, this.tokens - count);
  }

  /** Graph accepted `count` requests (any answer but 429). */
  accepted(count: number): void {
    const now = this.options.now();
    this.acceptedSinceThrottle += count;
    if (
      Number.isFinite(this.rate) &&
      now - this.lastChangeAt > PROBE_AFTER_MS &&
      (this.lastThrottleAt === undefined || now - this.lastThrottleAt > PROBE_AFTER_MS)
    ) {
      this.rate *= PROBE_FACTOR;
      this.lastChangeAt = now;
    }
  }

  /** Nothing goes for `ms` (Graph unavailable for a moment): says nothing about the rate. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + ms);
  }

  /** Graph throttled a request and asked for `retryAfterMs` (or said nothing). */
  throttled(retryAfterMs: number | undefined): void {
    const now = this.options.now();
    this.pausedUntil = Math.max(
      this.pausedUntil,
      now + (retryAfterMs ?? DEFAULT_THROTTLE_PAUSE_MS),
    );
    this.tokens = 0;
    this.tokensAt = now;
    if (this.lastThrottleAt !== undefined && now - this.lastThrottleAt < SAME_EVENT_MS) return;
    if (this.lastThrottleAt !== undefined) {
      const measured = this.acceptedSinceThrottle / ((now - this.lastThrottleAt) / 1000);
      // One short spell (the tab in the background, a slow answer) does not halve the pace.
      const floor = Number.isFinite(this.rate) ? this.rate / 2 : MIN_RATE;
      this.rate = Math.max(MIN_RATE, floor, measured * OVERSHOOT);
      this.lastChangeAt = now;
    }
    this.lastThrottleAt = now;
    this.acceptedSinceThrottle = 0;
  }
}
