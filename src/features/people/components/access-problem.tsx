import { Text, makeStyles, typographyStyles } from '@fluentui/react-components';
import { authProblemOf } from '../../../auth/auth-problem';
import { ADMIN_CONSENT_ROLES } from '../../../auth/directory-roles';
import { ConsentNeededError } from '../../../auth/tokens';
import { useRoleAccess } from '../../../auth/use-role-access';
import { AdminConsentActions } from '../../../components/admin-consent';
import { OTHERS_PERMISSION, oneOf } from '../../../components/admin-consent-words';
import { AuthProblemMessage } from '../../../components/auth-problem-message';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';

const useStyles = makeStyles({
  section: { display: 'grid', gap: '12px', maxWidth: '72ch' },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  text: { margin: 0 },
});

/**
 * People before anyone is sent to consent: what it needs (User.ReadWrite.All), who can
 * grant it and why, and the way on. Someone who may grant administrator consent gets
 * Entra's administrator-consent link; everyone else is told what to ask an administrator
 * for, exactly. Nobody is sent to a consent page they cannot pass.
 */
export function PeopleConsentExplanation({ onCheckAgain }: { onCheckAgain: () => void }) {
  const styles = useStyles();
  const access = useRoleAccess();
  const mayGrant = access.known && access.mayGrantAdminConsent;
  const ownRoles = access.known ? access.roles : [];
  return (
    <section className={styles.section} aria-labelledby="people-permission-heading">
      <h2 id="people-permission-heading" className={styles.heading}>
        People needs a permission from an administrator
      </h2>
      <Text as="p" className={styles.text}>
        To list your direct reports, search the directory and show other people's positions, Profile
        Editor needs the Microsoft Graph permission <strong>{OTHERS_PERMISSION}</strong> (read and
        write all users' full profiles) for your organisation. Nobody has granted it yet.
      </Text>
      <Text as="p" className={styles.text}>
        Because it reaches everyone's profile, only an administrator can grant it: a{' '}
        {oneOf(ADMIN_CONSENT_ROLES)}. A User Administrator can change people's profiles but cannot
        grant an app this permission. Once it is granted, everyone can see colleagues' positions;
        only people whose role may update users (such as User Administrator) can change them.
      </Text>
      {mayGrant ? (
        <Text as="p" className={styles.text}>
          You're {ownRoles.length > 0 ? `a ${ownRoles.join(' and ')}` : 'an administrator'}, so you
          can grant it for everyone in your organisation now. You'll be asked to sign in and accept
          on Microsoft's page, then come back here.
        </Text>
      ) : (
        <Text as="p" className={styles.text}>
          Ask an administrator to grant Profile Editor the permission{' '}
          <strong>{OTHERS_PERMISSION}</strong> for your organisation (in the Microsoft Entra admin
          center: App registrations › Profile Editor › API permissions › Grant admin consent). Your
          own profile, under My profile, works without it.
        </Text>
      )}
      <AdminConsentActions mayGrant={mayGrant} returnTo="/people" onCheckAgain={onCheckAgain} />
    </section>
  );
}

/**
 * Plain words for why People is closed to this user, and what still works: the permission
 * explained when it is missing, a sign-in problem as the sign-in problem it is, a Graph 403
 * as the permission problem it is.
 */
export function AccessProblem({
  error,
  action,
  onRetry,
}: {
  error: unknown;
  action: string;
  onRetry: () => void;
}) {
  if (error instanceof ConsentNeededError)
    return <PeopleConsentExplanation onCheckAgain={onRetry} />;
  const problem = authProblemOf(error, 'others');
  if (problem)
    return (
      <>
        <AuthProblemMessage problem={problem} action={action} onRetry={onRetry} />
        <div>
          <LinkButton to="/">Go to My profile</LinkButton>
        </div>
      </>
    );
  return <GraphErrorMessage error={error} action={action} />;
}
