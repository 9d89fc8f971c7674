import { Text, makeStyles, typographyStyles } from '@fluentui/react-components';
import { useAdminConsentAnswer } from '../../../auth/admin-consent';
import { ADMIN_CONSENT_ROLES } from '../../../auth/directory-roles';
import { useRoleAccess } from '../../../auth/use-role-access';
import { AdminConsentActions, AdminConsentOutcome } from '../../../components/admin-consent';
import { OTHERS_PERMISSION, oneOf } from '../../../components/admin-consent-words';

const useStyles = makeStyles({
  section: { display: 'grid', gap: '12px', maxWidth: '72ch' },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  text: { margin: 0 },
});

/**
 * The Organisation area before the organisation has granted User.ReadWrite.All: what it
 * needs and who can grant it. A person who may grant administrator consent (a Global
 * Administrator, say, who may also change users) gets Entra's administrator-consent link,
 * coming back here; everyone else is told exactly what to ask for.
 */
export function OrganisationConsentNeeded({ onCheckAgain }: { onCheckAgain: () => void }) {
  const styles = useStyles();
  const access = useRoleAccess();
  const mayGrant = access.known && access.mayGrantAdminConsent;
  return (
    <section className={styles.section} aria-labelledby="organisation-permission-heading">
      <h2 id="organisation-permission-heading" className={styles.heading}>
        Organisation needs a permission from an administrator
      </h2>
      <Text as="p" className={styles.text}>
        To list the directory and read and change other people&apos;s positions, Profile Editor
        needs the Microsoft Graph permission <strong>{OTHERS_PERMISSION}</strong> for your
        organisation. Nobody has granted it yet. Only a {oneOf(ADMIN_CONSENT_ROLES)} can grant it.
      </Text>
      {mayGrant ? (
        <Text as="p" className={styles.text}>
          You can grant it for everyone in your organisation now: you&apos;ll be asked to accept on
          Microsoft&apos;s page, then come back here.
        </Text>
      ) : (
        <Text as="p" className={styles.text}>
          Ask an administrator to grant Profile Editor the permission{' '}
          <strong>{OTHERS_PERMISSION}</strong> for your organisation (in the Microsoft Entra admin
          center: App registrations › Profile Editor › API permissions › Grant admin consent).
        </Text>
      )}
      <AdminConsentActions
        mayGrant={mayGrant}
        returnTo="/organisation"
        onCheckAgain={onCheckAgain}
      />
    </section>
  );
}

/** How the administrator-consent link came back to the Organisation area. */
export function OrganisationConsentOutcome() {
  const [answer, dismiss] = useAdminConsentAnswer();
  return answer ? <AdminConsentOutcome answer={answer} onDismiss={dismiss} /> : null;
}
