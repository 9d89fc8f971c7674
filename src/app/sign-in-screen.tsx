import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { diagnoseAuthError } from '../auth/auth-error-diagnosis';
import { markInteractionPending } from '../auth/consent-memory';
import { clearRedirectFailure, useRedirectFailure } from '../auth/redirect-outcome';
import { NEEDS_ADMINISTRATOR, permissionOf, SCOPES } from '../auth/scopes';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'grid',
    placeItems: 'center',
    padding: '16px',
    boxSizing: 'border-box',
  },
  card: {
    width: 'min(440px, 100%)',
    display: 'grid',
    gap: '16px',
    padding: '32px',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow16,
  },
});

/** The signed-out page: what the app is, and one button. */
export function SignInScreen() {
  const styles = useStyles();
  const { instance, inProgress } = useMsal();
  const failure = useRedirectFailure();
  const scopeSet = failure?.pending?.scopeSet ?? 'self';
  const diagnosis =
    failure &&
    diagnoseAuthError(failure.error, {
      permission: permissionOf(scopeSet),
      needsAdministrator: NEEDS_ADMINISTRATOR[scopeSet],
    });
  const [starting, setStarting] = useState(false);
  const busy =
    starting ||
    inProgress === InteractionStatus.AcquireToken ||
    inProgress === InteractionStatus.HandleRedirect ||
    inProgress === InteractionStatus.Startup;

  async function signIn() {
    clearRedirectFailure();
    setStarting(true);
    markInteractionPending({ kind: 'sign-in', scopeSet: 'self' });
    try {
      await instance.loginRedirect({
        scopes: [...SCOPES.self],
        redirectStartPage: window.location.href,
      });
    } catch {
      setStarting(false);
    }
  }

  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <Title1 as="h1">Profile Editor</Title1>
        <Text>Keep the work history of your Microsoft 365 profile current, and your team's.</Text>
        {diagnosis && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{diagnosis.title}</MessageBarTitle>
              {diagnosis.explanation}{' '}
              {diagnosis.wayOut === 'sign-in-again'
                ? 'Press Sign in to go again.'
                : diagnosis.advice}
              <Text size={200} as="p" style={{ margin: '4px 0 0' }}>
                {diagnosis.reference}
              </Text>
            </MessageBarBody>
          </MessageBar>
        )}
        {busy && inProgress !== InteractionStatus.None && !starting ? (
          <Spinner label="Signing you in…" />
        ) : (
          <Button
            appearance="primary"
            size="large"
            onClick={() => void signIn()}
            disabled={starting}
            icon={starting ? <Spinner size="tiny" aria-hidden /> : undefined}
          >
            {starting ? 'Opening sign-in…' : 'Sign in'}
          </Button>
        )}
      </div>
    </main>
  );
}
