import { Outlet } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { OfflineBanner } from '../components/offline-banner';
import { AppHeader } from './app-header';

const FocusManager = lazy(() => import('../components/focus-manager'));

/** Every page: the header, the offline banner, and the page itself in <main>. */
export function RootLayout() {
  return (
    <>
      <Suspense fallback={null}>
        <FocusManager />
      </Suspense>
      <AppHeader />
      <OfflineBanner />
      <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </main>
    </>
  );
}
