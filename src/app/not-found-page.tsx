import { LinkButton } from '../components/link-button';
import { PageLayout } from '../components/page-layout';

/** Any address the app has no page for. */
export function NotFoundPage() {
  return (
    <PageLayout title="Page not found">
      <p style={{ margin: 0 }}>There's nothing at this address.</p>
      <LinkButton to="/" appearance="primary">
        Go to My profile
      </LinkButton>
    </PageLayout>
  );
}
