import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { afterFirstScreen } from '../lib/after-first-screen';
import type { ToastMessage } from './toast-host';
import { NotifierContext, type Notify } from './use-notify';

const loadToastHost = () => import('./toast-host');
const ToastHost = lazy(loadToastHost);

/**
 * Short confirmations ("Position saved"), shown as Fluent toasts and announced to screen
 * readers. The toasts' code loads once the first page is up, and messages wait for it.
 */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const [hosting, setHosting] = useState(false);
  const notify = useCallback<Notify>((message, intent = 'success') => {
    setHosting(true);
    setMessages((queued) => [...queued, { id: Date.now() + Math.random(), message, intent }]);
  }, []);
  const onShown = useCallback((id: number) => {
    setMessages((queued) => queued.filter((queuedMessage) => queuedMessage.id !== id));
  }, []);
  // Fetched once the first screen is up and the browser idle, so the first toast does not
  // wait for it and the list does not wait on it.
  useEffect(() => {
    void afterFirstScreen().then(() => loadToastHost().catch(() => undefined));
  }, []);
  return (
    <NotifierContext.Provider value={notify}>
      {children}
      {hosting && (
        <Suspense fallback={null}>
          <ToastHost messages={messages} onShown={onShown} />
        </Suspense>
      )}
    </NotifierContext.Provider>
  );
}
