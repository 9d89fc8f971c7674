import { useFocusFinders } from '@fluentui/react-components';
import { Outlet } from '@tanstack/react-router';
import { OfflineBanner } from '../components/offline-banner';
import { AppHeader } from './app-header';

/** Every page: the header, the offline banner, and the page itself in <main>. */
export function RootLayout() {
  // Creates Fluent's focus manager (tabster) with the app. A Fluent modal dialog hides the
  // rest of the app from screen readers while it is open; when tabster was first created
  // by the dialog itself, closing it left the whole app aria-hidden. (The toaster used to
  // create it on every page; its code now loads later.)
  useFocusFinders();
  return (
    <>
      <AppHeader />
      <OfflineBanner />
      <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </main>
    </>
  );
}
