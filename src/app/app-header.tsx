import { useMsal } from '@azure/msal-react';
import {
  Avatar,
  Button,
  Skeleton,
  SkeletonItem,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Link, useMatchRoute, type LinkProps } from '@tanstack/react-router';
import { useState } from 'react';
import { mayChangeOtherUsers } from '../auth/directory-roles';
import { useMe } from '../features/me/api/get-me';
import { presentText } from '../graph/graph-answer';
import { forgetAllRefusals } from '../auth/consent-memory';
import { forgetSignedIn } from '../auth/signed-in-hint';
import { removeDraftsOf } from '../features/positions/utils/draft-keys';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: '12px',
    flexWrap: 'wrap',
    padding: '8px 16px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    color: 'inherit',
    textDecoration: 'none',
    marginRight: '8px',
  },
  nav: { display: 'flex', gap: '4px', flexGrow: 1 },
  navLink: {
    color: 'inherit',
    textDecoration: 'none',
    padding: '6px 10px',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover },
    ':focus-visible': {
      outline: `2px solid ${tokens.colorNeutralForegroundOnBrand}`,
      outlineOffset: '1px',
    },
  },
  current: {
    backgroundColor: tokens.colorBrandBackgroundPressed,
    fontWeight: tokens.fontWeightSemibold,
  },
  user: { display: 'flex', alignItems: 'center', gap: '8px' },
  name: { color: 'inherit', '@media (max-width: 480px)': { display: 'none' } },
  signOut: { color: tokens.colorNeutralForegroundOnBrand },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': { position: 'static', color: 'inherit', padding: '6px' },
  },
});

function NavLink({
  to,
  label,
  current,
}: {
  to: '/' | '/people' | '/organisation';
  label: string;
  current: boolean;
}) {
  const styles = useStyles();
  return (
    <Link
      to={to}
      className={`${styles.navLink} ${current ? styles.current : ''}`}
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

/** Microsoft 365 style bar: the app, where you are, who you are, and Sign out. */
export function AppHeader() {
  const styles = useStyles();
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
  const me = useMe();
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
    <header className={styles.header}>
      <a className={styles.skip} href="#main">
        Skip to main content
      </a>
      <Link className={styles.brand} to="/" activeProps={noActiveProps}>
        Profile Editor
      </Link>
      <nav aria-label="Main" className={styles.nav}>
        <NavLink to="/" label="My profile" current={inMyProfile} />
        <NavLink to="/people" label="People" current={inPeople} />
        {showOrganisation && (
          <NavLink to="/organisation" label="Organisation" current={inOrganisation} />
        )}
      </nav>
      <div className={styles.user} role="group" aria-label="Your account">
        {me.isPending && !name ? (
          <Skeleton aria-label="Loading your name">
            <SkeletonItem shape="circle" size={32} />
          </Skeleton>
        ) : (
          <>
            <Avatar name={name} size={32} color="neutral" aria-hidden />
            <Text className={styles.name}>{name}</Text>
          </>
        )}
        <Button
          appearance="transparent"
          className={styles.signOut}
          onClick={signOut}
          disabled={signingOut}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </Button>
      </div>
    </header>
  );
}
