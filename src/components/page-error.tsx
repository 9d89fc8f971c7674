import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';

/**
 * A page that failed to render (or whose code failed to load): a message with a way on,
 * never a blank page. The router shows it in place of the page.
 */
export function PageError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const chunkFailed =
    /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
      error.message,
    );
  return (
    <div style={{ maxWidth: 960, margin: '24px auto', padding: '0 16px' }}>
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>
            {chunkFailed
              ? "This part of the app couldn't load"
              : 'Something went wrong on this page'}
          </MessageBarTitle>
          {chunkFailed ? 'Check your network connection, then try again.' : error.message}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={chunkFailed ? () => window.location.reload() : onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
