import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

const subscribe = (listener: () => void) => onlineManager.subscribe(listener);

/**
 * Says so when the browser is offline; reads and saves wait and continue when it is back.
 * Plain elements in the look of Fluent UI's warning MessageBar: offline, no code could be
 * loaded for it.
 */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, () => onlineManager.isOnline());
  if (online) return null;
  return (
    <div className="pe-banner pe-banner--warning" role="status">
      <strong className="pe-banner__title">You're offline</strong>
      Anything you save waits here and is sent when the network is back.
    </div>
  );
}
