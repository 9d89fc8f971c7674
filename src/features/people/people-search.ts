import * as z from 'zod/mini';

const term = z.pipe(
  z.string(),
  z.transform((text) => {
    const trimmed = text.trim();
    return trimmed === '' ? undefined : trimmed;
  }),
);

/**
 * People's search in the address, `/people?q=lee`: the term as typed, trimmed; empty or
 * anything else (a repeated or malformed value) means no search rather than an error.
 */
export const peopleSearchSchema = z.object({ q: z.catch(z.optional(term), undefined) });
