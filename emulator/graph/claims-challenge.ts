import type { JWTPayload } from 'jose';
import type { DirectoryStore } from '../store/directory-store.js';
import { GraphError } from './graph-error.js';

/** Graph's application id, which its challenges name as `client_id`. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Continuous Access Evaluation as Graph applies it: after a critical event (a user's
 * sessions revoked, a policy change), a token issued before it is refused with 401 and a
 * claims challenge, even though it has not expired:
 *
 *   WWW-Authenticate: Bearer realm="", authorization_uri="…/auth",
 *     client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims",
 *     claims="<base64 of {"access_token":{"nbf":{"essential":true,"value":"<event time>"}}}>"
 *
 * The app answers by asking the provider for a new token with those claims (MSAL's
 * `claims` request parameter); any token issued after the event satisfies them. As on
 * Graph, only tokens of apps that declared they can answer a challenge are challenged:
 * those carrying the client capability `cp1` in `xms_cc` (MSAL's `clientCapabilities:
 * ["CP1"]`); other tokens are accepted until they expire.
 *
 * Two ways to cause one (`POST /_emulator/claims-challenge`): a revocation event for
 * some users now (`users`), or a challenge of the next N requests whatever their token
 * (`nextRequests`).
 */
export class ContinuousAccessEvaluation {
  /** User id → the event time (seconds): their tokens issued before it are challenged. */
  private readonly revokedAt = new Map<string, number>();
  private nextRequests = 0;

  constructor(
    private readonly directory: DirectoryStore,
    private readonly authorizationUri: string,
  ) {}

  /**
   * A revocation event for these users, now. Token times are whole seconds: the event
   * waits for the next second, so every token issued before this returns is refused and
   * every one issued after it is not.
   */
  async revoke(userIds: string[]): Promise<void> {
    const next = Math.floor(Date.now() / 1000) + 1;
    await new Promise((resolve) => setTimeout(resolve, next * 1000 - Date.now()));
    for (const id of userIds) this.revokedAt.set(id, next);
  }

  challengeNext(count: number): void {
    this.nextRequests = count;
  }

  reset(): void {
    this.revokedAt.clear();
    this.nextRequests = 0;
  }

  view(): { revoked: Record<string, string>; nextRequests: number; requiredCapability: string } {
    return {
      revoked: Object.fromEntries(
        [...this.revokedAt].map(([id, at]) => [
          this.directory.find(id)?.user.userPrincipalName ?? id,
          new Date(at * 1000).toISOString(),
        ]),
      ),
      nextRequests: this.nextRequests,
      requiredCapability: 'cp1',
    };
  }

  /** Throws Graph's 401 challenge when this request's token must be renewed with claims. */
  evaluate(userId: string, token: JWTPayload): void {
    const capabilities = Array.isArray(token.xms_cc) ? (token.xms_cc as unknown[]) : [];
    if (!capabilities.some((value) => String(value).toLowerCase() === 'cp1')) return;
    if (this.nextRequests > 0) {
      this.nextRequests--;
      throw this.challenge(Math.floor(Date.now() / 1000));
    }
    const revokedAt = this.revokedAt.get(userId);
    if (revokedAt !== undefined && (token.iat ?? 0) < revokedAt) throw this.challenge(revokedAt);
  }

  private challenge(notBefore: number): GraphError {
    const claims = Buffer.from(
      JSON.stringify({ access_token: { nbf: { essential: true, value: String(notBefore) } } }),
    ).toString('base64');
    return new GraphError(
      401,
      'InvalidAuthenticationToken',
      'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
      {
        headers: {
          'WWW-Authenticate': `Bearer realm="", authorization_uri="${this.authorizationUri}", client_id="${GRAPH_APP_ID}", error="insufficient_claims", claims="${claims}"`,
        },
      },
    );
  }
}
