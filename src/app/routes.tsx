import { Spinner } from '@fluentui/react-components';
import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { LinkButton } from '../components/link-button';
import { PageLayout } from '../components/page-layout';
import { matchPath, usePathname } from '../lib/router';
import { MyProfilePage } from './routes/my-profile-page';
import { paths } from './paths';

// The editor (form, pickers, dialogs) is its own chunk: the list page does not wait for it.
const PositionEditorPage = lazy(
  () => import('../features/positions/components/position-editor-page'),
);
// People is the second area, for managers and administrators: loaded when first opened.
const PeoplePage = lazy(() =>
  import('../features/people/components/people-page').then((module) => ({
    default: module.PeoplePage,
  })),
);
const PersonPage = lazy(() =>
  import('../features/people/components/person-page').then((module) => ({
    default: module.PersonPage,
  })),
);
const PersonBanner = lazy(() =>
  import('../features/people/components/person-banner').then((module) => ({
    default: module.PersonBanner,
  })),
);

function Loading({ label }: { label: string }) {
  return <Spinner style={{ marginTop: 48 }} label={label} />;
}

function NotFound() {
  return (
    <PageLayout title="Page not found">
      <p style={{ margin: 0 }}>There's nothing at this address.</p>
      <LinkButton to={paths.home} appearance="primary">
        Go to My profile
      </LinkButton>
    </PageLayout>
  );
}

function route(pathname: string): ReactNode {
  if (pathname === paths.home) return <MyProfilePage />;
  if (pathname === paths.newPosition) {
    return <PositionEditorPage owner="me" listPath={paths.home} editPath={paths.position} />;
  }
  const own = matchPath('/positions/:positionId', pathname);
  if (own)
    return (
      <PositionEditorPage
        owner="me"
        positionId={own.positionId}
        listPath={paths.home}
        editPath={paths.position}
      />
    );

  if (pathname === paths.people) return <PeoplePage personPath={paths.person} />;
  const person = matchPath('/people/:userId', pathname);
  if (person) {
    const { userId } = person;
    return (
      <PersonPage
        userId={userId}
        peoplePath={paths.people}
        positionPath={(positionId) => paths.personPosition(userId, positionId)}
        newPositionPath={paths.personNewPosition(userId)}
      />
    );
  }
  const personPosition = matchPath('/people/:userId/positions/:positionId', pathname);
  if (personPosition) {
    const { userId, positionId } = personPosition;
    return (
      <PositionEditorPage
        owner={userId}
        positionId={positionId === 'new' ? undefined : positionId}
        listPath={paths.person(userId)}
        editPath={(id) => paths.personPosition(userId, id)}
        banner={<PersonBanner userId={userId} editing />}
      />
    );
  }
  return <NotFound />;
}

/** The page for the current address. */
export function AppRoutes() {
  const pathname = usePathname();
  return (
    <ErrorBoundary resetKey={pathname}>
      <Suspense fallback={<Loading label="Loading…" />}>{route(pathname)}</Suspense>
    </ErrorBoundary>
  );
}
