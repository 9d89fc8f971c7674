import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  typographyStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import { adminConsentUrl, useAdminConsentAnswer } from '../../../auth/admin-consent';
import { diagnoseAuthError } from '../../../auth/auth-error-diagnosis';
import { ADMIN_CONSENT_ROLES } from '../../../auth/directory-roles';
import { SCOPES } from '../../../auth/scopes';
import { useRoleAccess } from '../../../auth/use-role-access';
import { AuthProblemMessage } from '../../../components/auth-problem-message';
import { LinkButton } from '../../../components/link-button';

const useStyles = makeStyles({
  section: { display: 'grid', gap: '12px', maxWidth: '72ch' },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  text: { margin: 0 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

const PERMISSION = SCOPES.others.join(', ');

const oneOf = (names: readonly string[]) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;

/**
 * The Organisation area before the organisation has granted User.ReadWrite.All: what it
 * needs and who can grant it. A person who may grant administrator consent (a Global
 * Administrator, say, who may also change users) gets Entra's administrator-consent link,
 * coming back here; everyone else is told exactly what to ask for.
 */
export function OrganisationConsentNeeded({ onCheckAgain }: { onCheckAgain: () => void }) {
  const styles = useStyles();
  const access = useRoleAccess();
  const [leaving, setLeaving] = useState(false);
  const mayGrant = access.known && access.mayGrantAdminConsent;
  return (
    <section className={styles.section} aria-labelledby="organisation-permission-heading">
      <h2 id="organisation-permission-heading" className={styles.heading}>
        Organisation needs a permission from an administrator
      </h2>
      <Text as="p" className={styles.text}>
        To list the directory and read and change other people&apos;s positions, Profile Editor
        needs the Microsoft Graph permission <strong>{PERMISSION}</strong> for your organisation.
        Nobody has granted it yet. Only a {oneOf(ADMIN_CONSENT_ROLES)} can grant it.
      </Text>
      {mayGrant ? (
        <Text as="p" className={styles.text}>
          You can grant it for everyone in your organisation now: you&apos;ll be asked to accept on
          Microsoft&apos;s page, then come back here.
        </Text>
      ) : (
        <Text as="p" className={styles.text}>
          Ask an administrator to grant Profile Editor the permission <strong>{PERMISSION}</strong>{' '}
          for your organisation (in the Microsoft Entra admin center: App registrations › Profile
          Editor › API permissions › Grant admin consent).
        </Text>
      )}
      <div className={styles.actions}>
        {mayGrant && (
          <Button
            appearance="primary"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              window.location.assign(adminConsentUrl('others', '/organisation'));
            }}
          >
            Grant for the organisation
          </Button>
        )}
        <Button onClick={onCheckAgain}>Check again</Button>
        <LinkButton to="/">Go to My profile</LinkButton>
      </div>
    </section>
  );
}

/** How the administrator-consent link came back to the Organisation area. */
export function OrganisationConsentOutcome() {
  const [answer, dismiss] = useAdminConsentAnswer();
  if (!answer) return null;
  if (!answer.granted)
    return (
      <AuthProblemMessage
        action="Granting the permission for your organisation"
        problem={{
          scopeSet: answer.scopeSet,
          signInAgain: false,
          diagnosis: diagnoseAuthError(answer.error, {
            permission: PERMISSION,
            needsAdministrator: true,
          }),
        }}
      />
    );
  return (
    <MessageBar intent="success" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>Permission granted for your organisation</MessageBarTitle>
        Profile Editor now has {PERMISSION} for everyone in your organisation.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={dismiss}>OK</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
