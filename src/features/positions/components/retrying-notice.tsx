import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** Graph is busy and the list is being read again (loaded only when that happens). */
export default function RetryingNotice() {
  return (
    <MessageBar intent="warning" layout="multiline" role="status">
      <MessageBarBody>Microsoft Graph is busy; trying again…</MessageBarBody>
    </MessageBar>
  );
}
