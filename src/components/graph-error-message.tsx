import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { authProblemOf } from '../auth/auth-problem';
import { describeError } from '../graph/describe-error';
import { AuthProblemMessage } from './auth-problem-message';

/** An error as the user should see it: what happened, Graph's words, the request id, and a way on. */
export function GraphErrorMessage({
  error,
  action,
  onRetry,
}: {
  error: unknown;
  /** What was being done, e.g. "Loading your positions". */
  action?: string;
  onRetry?: () => void;
}) {
  // A token that could not be had is a sign-in problem, not Graph's: it has its own words.
  const authProblem = authProblemOf(error);
  if (authProblem)
    return <AuthProblemMessage problem={authProblem} action={action} onRetry={onRetry} />;
  const { title, message, reference } = describeError(error, action);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>
          {action ? `${action}: ${title.charAt(0).toLowerCase()}${title.slice(1)}` : title}
        </MessageBarTitle>
        <div>{message}</div>
        {reference && (
          <Text size={200} as="p" style={{ margin: '4px 0 0' }}>
            {reference}
          </Text>
        )}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
