import { Link } from '@tanstack/react-router';
import { PageLayout } from '../components/page-layout';
import { buttonClass } from '../components/plain-classes';

/** Any address the app has no page for. */
export function NotFoundPage() {
  return (
    <PageLayout title="Page not found">
      <p style={{ margin: 0 }}>There's nothing at this address.</p>
      <Link to="/" className={buttonClass('primary')} style={{ justifySelf: 'start' }}>
        Go to My profile
      </Link>
    </PageLayout>
  );
}
