import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

const subscribe = (listener: () => void) => onlineManager.subscribe(listener);

/** Says so when the browser is offline; reads and saves wait and continue when it is back. */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, () => onlineManager.isOnline());
  if (online) return null;
  return (
    <MessageBar intent="warning" layout="multiline" role="status" style={{ borderRadius: 0 }}>
      <MessageBarBody>
        <MessageBarTitle>You're offline</MessageBarTitle>
        Anything you save waits here and is sent when the network is back.
      </MessageBarBody>
    </MessageBar>
  );
}
