import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** A render failure below shows a message with a way on, never a blank page. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey?: string },
  { error: Error | null }
> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidUpdate(previous: { resetKey?: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error)
      this.setState({ error: null });
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Profile Editor failed to render', error.message, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
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
            <Button
              onClick={() =>
                chunkFailed ? window.location.reload() : this.setState({ error: null })
              }
            >
              Try again
            </Button>
          </MessageBarActions>
        </MessageBar>
      </div>
    );
  }
}
