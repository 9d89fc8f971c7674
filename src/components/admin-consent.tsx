import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import { adminConsentUrl, type AdminConsentAnswer } from '../auth/admin-consent';
import { diagnoseAuthError } from '../auth/auth-error-diagnosis';
import { OTHERS_PERMISSION } from './admin-consent-words';
import { AuthProblemMessage } from './auth-problem-message';
import { LinkButton } from './link-button';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/**
 * The way on from an explanation of the missing permission: Entra's administrator-consent
 * link (coming back to `returnTo`) for someone who may grant it, checking again, and the
 * user's own profile, which works without it.
 */
export function AdminConsentActions({
  mayGrant,
  returnTo,
  onCheckAgain,
}: {
  mayGrant: boolean;
  returnTo: string;
  onCheckAgain: () => void;
}) {
  const styles = useStyles();
  const [leaving, setLeaving] = useState(false);
  return (
    <div className={styles.actions}>
      {mayGrant && (
        <Button
          appearance="primary"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            window.location.assign(adminConsentUrl('others', returnTo));
          }}
        >
          Grant for the organisation
        </Button>
      )}
      <Button onClick={onCheckAgain}>Check again</Button>
      <LinkButton to="/">Go to My profile</LinkButton>
    </div>
  );
}

/** How the administrator-consent link came back: granted, or why not (in the sign-in words). */
export function AdminConsentOutcome({
  answer,
  onDismiss,
}: {
  answer: AdminConsentAnswer;
  onDismiss: () => void;
}) {
  if (!answer.granted)
    return (
      <AuthProblemMessage
        action="Granting the permission for your organisation"
        problem={{
          scopeSet: answer.scopeSet,
          signInAgain: false,
          diagnosis: diagnoseAuthError(answer.error, {
            permission: OTHERS_PERMISSION,
            needsAdministrator: true,
          }),
        }}
      />
    );
  return (
    <MessageBar intent="success" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>Permission granted for your organisation</MessageBarTitle>
        Profile Editor now has {OTHERS_PERMISSION} for everyone in your organisation.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onDismiss}>OK</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
