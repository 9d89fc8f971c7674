import { Toast, ToastTitle, Toaster, useId, useToastController } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';

type Intent = 'success' | 'info' | 'warning' | 'error';
type Notify = (message: string, intent?: Intent) => void;

const NotifierContext = createContext<Notify>(() => {});

/** Short confirmations ("Position saved"), shown as Fluent toasts and announced to screen readers. */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  const notify = useCallback<Notify>(
    (message, intent = 'success') => {
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, timeout: 4000, politeness: intent === 'error' ? 'assertive' : 'polite' },
      );
    },
    [dispatchToast],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifierContext.Provider value={value}>
      {children}
      <Toaster toasterId={toasterId} position="bottom-end" />
    </NotifierContext.Provider>
  );
}

export const useNotify = () => useContext(NotifierContext);
