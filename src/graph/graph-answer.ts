import * as z from 'zod/mini';

/**
 * What Graph answered was not what the app can use: a position without an id, a list
 * whose `value` is not a list. Shown like any failed call; never retried.
 */
export class UnexpectedAnswerError extends Error {
  constructor(
    /** What was asked for, e.g. "listing positions". */
    readonly request: string,
    readonly problems: string[],
  ) {
    super(
      `Microsoft Graph's answer to ${request} is not what Profile Editor can read (${problems.join('; ')}).`,
    );
    this.name = 'UnexpectedAnswerError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the answer';
  switch (issue.code) {
    case 'invalid_type':
      return `${where} should be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`;
    case 'too_small':
      return `${where} is empty`;
    default:
      return `${where} is not valid`;
  }
}

/** `data` as `schema` reads it, or an UnexpectedAnswerError naming what is wrong. */
export function readAnswer<T>(schema: z.ZodMiniType<T>, data: unknown, request: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new UnexpectedAnswerError(request, result.error.issues.slice(0, 3).map(describeIssue));
}

/**
 * Text as real tenants send it: a string, null or missing. Every member Graph may leave
 * out is optional and nullable; objects keep members the app does not know (a position
 * goes back to Graph whole).
 */
export const graphText = z.nullish(z.string());

/** An identifier Graph must send: a string that is not empty. */
export const graphId = z.string().check(z.minLength(1));

/** One page of a collection: `value` must be a list; `@odata.nextLink` points at the next page. */
export const graphPage = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({ value: z.array(item), '@odata.nextLink': z.nullish(z.string()) });

/** Graph's text with an empty string counted as absent (real tenants send "" for "not set"). */
export function presentText(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return value;
}
