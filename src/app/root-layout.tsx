import { Outlet } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useState } from 'react';
import { afterFirstScreen } from '../lib/after-first-screen';
import { OfflineBanner } from '../components/offline-banner';
import { AppHeader } from './app-header';

const FocusManager = lazy(() => import('../components/focus-manager'));

/** Every page: the header, the offline banner, and the page itself in <main>. */
export function RootLayout() {
  // Fluent UI's focus manager, once the first screen is up: before any dialog can open.
  const [focusManager, setFocusManager] = useState(false);
  useEffect(() => {
    let current = true;
    void afterFirstScreen().then(() => current && setFocusManager(true));
    return () => {
      current = false;
    };
  }, []);
  return (
    <>
      {focusManager && (
        <Suspense fallback={null}>
          <FocusManager />
        </Suspense>
      )}
      <AppHeader />
      <OfflineBanner />
      <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </main>
    </>
  );
}
