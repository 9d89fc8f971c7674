import { lazy, Suspense } from 'react';
import { Spinner } from './plain';

// A page that failed is rare: its message (Fluent UI's MessageBar) loads when it happens.
const PageError = lazy(() =>
  import('./page-error').then((module) => ({ default: module.PageError })),
);

/** The router's error component: PageError, whose code loads when a page fails. */
export function RouteError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <Suspense fallback={<Spinner style={{ marginTop: 48 }} label="Loading…" />}>
      <PageError error={error} onRetry={onRetry} />
    </Suspense>
  );
}
