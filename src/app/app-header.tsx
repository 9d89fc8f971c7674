import { useMsal } from '@azure/msal-react';
import { Link, useMatchRoute, type LinkProps } from '@tanstack/react-router';
import { useState } from 'react';
import { mayChangeOtherUsers } from '../auth/directory-roles';
import { useMe } from '../features/me/api/get-me';
import { useAfterFirstScreen } from '../lib/after-first-screen';
import { presentText } from '../graph/graph-answer';
import { forgetAllRefusals } from '../auth/consent-memory';
import { forgetSignedIn } from '../auth/signed-in-hint';
import { removeDraftsOf } from '../features/positions/utils/draft-keys';
import { Avatar, SkeletonBlock } from '../components/plain';
import { buttonClass } from '../components/plain-classes';

function NavLink({
  to,
  label,
  current,
}: {
  to: '/' | '/people' | '/organisation';
  label: string;
  current: boolean;
}) {
  return (
    <Link
      to={to}
      className={current ? 'pe-header__link pe-header__link--current' : 'pe-header__link'}
      // Which area is current is decided here (My profile includes its positions).
      activeOptions={{ exact: true, includeSearch: false }}
      activeProps={noActiveProps}
      aria-current={current ? 'page' : undefined}
    >
      {label}
    </Link>
  );
}

const noActiveProps: LinkProps['activeProps'] = {};

/** Microsoft 365 style bar (plain elements with Fluent's tokens: src/styles/first-page.css): the app, where you are, who you are, and Sign out. */
export function AppHeader() {
  const matchRoute = useMatchRoute();
  const inMyProfile = [
    matchRoute({ to: '/' }),
    matchRoute({ to: '/positions/new' }),
    matchRoute({ to: '/positions/$positionId' }),
  ].some(Boolean);
  const inPeople = matchRoute({ to: '/people', fuzzy: true }) !== false;
  const inOrganisation = matchRoute({ to: '/organisation', fuzzy: true }) !== false;
  const { instance } = useMsal();
  // Only people whose role may change users see the Organisation area (its route says the same).
  const showOrganisation = mayChangeOtherUsers(instance.getActiveAccount()?.idTokenClaims);
  const me = useMe({ enabled: useAfterFirstScreen() });
  const [signingOut, setSigningOut] = useState(false);
  const name =
    presentText(me.data?.displayName) ?? presentText(instance.getActiveAccount()?.name) ?? '';

  function signOut() {
    setSigningOut(true);
    // Signing out on purpose ends what was left unsaved, so the next person on this browser
    // sees none of it; and every refusal and the hint to sign in silently go with it.
    const userId = instance.getActiveAccount()?.localAccountId;
    if (userId) removeDraftsOf(userId, [localStorage, sessionStorage]);
    forgetAllRefusals();
    forgetSignedIn();
    instance
      .logoutRedirect({
        account: instance.getActiveAccount(),
        postLogoutRedirectUri: `${window.location.origin}/`,
      })
      .catch(() => setSigningOut(false));
  }

  return (
    <header className="pe-header">
      <a className="pe-skip" href="#main">
        Skip to main content
      </a>
      <Link className="pe-header__brand" to="/" activeProps={noActiveProps}>
        Profile Editor
      </Link>
      <nav aria-label="Main" className="pe-header__nav">
        <NavLink to="/" label="My profile" current={inMyProfile} />
        <NavLink to="/people" label="People" current={inPeople} />
        {showOrganisation && (
          <NavLink to="/organisation" label="Organisation" current={inOrganisation} />
        )}
      </nav>
      <div className="pe-header__user" role="group" aria-label="Your account">
        {me.isPending && !name ? (
          <span role="progressbar" aria-label="Loading your name">
            <SkeletonBlock circle width={32} height={32} />
          </span>
        ) : (
          <>
            <Avatar name={name} />
            <span className="pe-header__name">{name}</span>
          </>
        )}
        <button
          type="button"
          className={`${buttonClass()} pe-header__sign-out`}
          onClick={signOut}
          disabled={signingOut}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
