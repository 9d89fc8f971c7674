import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ConsentRefusedError, requestInteractively } from '../../../auth/tokens';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';

/**
 * Plain words for why People is closed to this user, and what still works. Consent that
 * was refused can be asked for again; a Graph 403 is shown as the permission problem it is.
 */
export function AccessProblem({ error, action }: { error: unknown; action: string }) {
  if (error instanceof ConsentRefusedError) {
    return (
      <MessageBar intent="warning" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>
            Editing other people's profiles needs an administrator role
          </MessageBarTitle>
          Profile Editor wasn't given permission to read and change other people's profiles (
          {error.errorCode}). In Microsoft 365 only someone with an administrator role, such as User
          Administrator, can grant that. Your own profile under My profile works as before.
        </MessageBarBody>
        <MessageBarActions>
          <LinkButton to="/">Go to My profile</LinkButton>
          <Button
            onClick={() =>
              void requestInteractively('others').catch(() => window.location.reload())
            }
          >
            Ask for permission again
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return <GraphErrorMessage error={error} action={action} />;
}
