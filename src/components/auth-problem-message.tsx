import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AuthProblemInfo } from '../auth/auth-problem';
import { requestInteractively } from '../auth/tokens';

/**
 * A sign-in or token problem as the user should see it: what happened and why in plain
 * words, the way out (a button when the app can take it: sign in again, ask again, or try
 * again, say once an administrator has unblocked the sign-in), and Entra's number, the code, the correlation id and the time for support.
 */
export function AuthProblemMessage({
  problem,
  action,
  onRetry,
}: {
  problem: AuthProblemInfo;
  /** What was being done, e.g. "Loading positions". */
  action?: string;
  onRetry?: () => void;
}) {
  const { diagnosis, scopeSet } = problem;
  const [leaving, setLeaving] = useState(false);
  const goAgain = () => {
    setLeaving(true);
    requestInteractively(scopeSet).catch(() => setLeaving(false));
  };
  const title = action
    ? `${action}: ${diagnosis.title.charAt(0).toLowerCase()}${diagnosis.title.slice(1)}`
    : diagnosis.title;
  const button = problem.signInAgain ? (
    <Button onClick={goAgain} disabled={leaving}>
      Sign in again
    </Button>
  ) : diagnosis.problem === 'consent-refused' && scopeSet === 'self' ? (
    <Button onClick={goAgain} disabled={leaving}>
      Ask again
    </Button>
  ) : onRetry ? (
    <Button onClick={onRetry}>Try again</Button>
  ) : undefined;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <div>
          {diagnosis.explanation} {diagnosis.advice}
        </div>
        <Text size={200} as="p" style={{ margin: '4px 0 0' }}>
          {diagnosis.reference}
        </Text>
      </MessageBarBody>
      {button && <MessageBarActions>{button}</MessageBarActions>}
    </MessageBar>
  );
}
