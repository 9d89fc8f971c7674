import { createFileRoute, notFound } from '@tanstack/react-router';

/**
 * The Organisation area, for people whose directory role may change users. Anyone else
 * meets "Page not found" at every address under it, as if it did not exist; nothing of
 * the area is loaded for them (its pages are chunks of their own).
 */
export const Route = createFileRoute('/organisation')({
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router's notFound() is made to be thrown
    if (!context.mayChangeOtherUsers()) throw notFound();
  },
});
