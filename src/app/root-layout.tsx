import { Outlet } from '@tanstack/react-router';
import { OfflineBanner } from '../components/offline-banner';
import { LeaveConfirmationProvider } from '../features/positions/components/leave-confirmation';
import { AppHeader } from './app-header';

/** Every page: the header, the offline banner, and the page itself in <main>. */
export function RootLayout() {
  return (
    <>
      <AppHeader />
      <OfflineBanner />
      <LeaveConfirmationProvider>
        <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
          <Outlet />
        </main>
      </LeaveConfirmationProvider>
    </>
  );
}
