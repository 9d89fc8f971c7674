/**
 * How the Graph emulator behaves where this project offers a choice. The default is the
 * real service as Microsoft documents it; every other value is our own stricter world,
 * offered so that the app's handling of it stays tested.
 *
 * `etags`:
 *   - `none` (default): as on Graph's profile API, whose pages, examples and PowerShell
 *     cmdlets show no `@odata.etag`, no `ETag` header and no `If-Match` support. Positions
 *     carry no etag and `If-Match` is ignored: last writer wins.
 *   - `strict` (ours): every position carries `@odata.etag` and an `ETag` header, and a
 *     write whose `If-Match` no longer matches is refused with 412 `preconditionFailed`,
 *     as Graph does for many other resources.
 */
export type EtagMode = 'none' | 'strict';

export interface GraphBehaviour {
  etags: EtagMode;
}

export const GRAPH_AS_DOCUMENTED: GraphBehaviour = { etags: 'none' };

const ETAG_MODES: readonly EtagMode[] = ['none', 'strict'];

/** Validates a partial settings object on top of `base`; throws an Error naming the bad field. */
export function parseBehaviour(input: unknown, base: GraphBehaviour): GraphBehaviour {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('Settings must be a JSON object.');
  const next = { ...base };
  for (const [name, value] of Object.entries(input)) {
    if (name !== 'etags') throw new Error(`Unknown setting '${name}'; known: etags.`);
    if (!ETAG_MODES.includes(value as EtagMode))
      throw new Error(
        `Setting 'etags' must be one of ${ETAG_MODES.join(', ')}, not ${JSON.stringify(value)}.`,
      );
    next.etags = value as EtagMode;
  }
  return next;
}

/** `EMULATOR_ETAGS=strict` turns on our strict concurrency for the whole run. */
export function behaviourFromEnv(env: Record<string, string | undefined>): GraphBehaviour {
  const etags = env.EMULATOR_ETAGS?.trim();
  if (!etags) return GRAPH_AS_DOCUMENTED;
  try {
    return parseBehaviour({ etags }, GRAPH_AS_DOCUMENTED);
  } catch (error) {
    throw new Error(`EMULATOR_ETAGS is invalid: ${(error as Error).message}`, { cause: error });
  }
}
