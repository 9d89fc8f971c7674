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
import { SCOPES } from '../auth/scopes';
import { clearAuthError, useLastAuthError } from './auth-events';
import { describeAuthError } from './describe-auth-error';

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
  const authError = useLastAuthError();
  const [starting, setStarting] = useState(false);
  const busy =
    starting ||
    inProgress === InteractionStatus.AcquireToken ||
    inProgress === InteractionStatus.HandleRedirect ||
    inProgress === InteractionStatus.Startup;

  async function signIn() {
    clearAuthError();
    setStarting(true);
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
        {authError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Sign-in didn't finish</MessageBarTitle>
              {describeAuthError(authError)}
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
