import { Toast, ToastTitle, Toaster, useId, useToastController } from '@fluentui/react-components';
import { useCallback, type ReactNode } from 'react';
import { NotifierContext, type Notify } from './use-notify';

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
  return (
    <NotifierContext.Provider value={notify}>
      {children}
      <Toaster toasterId={toasterId} position="bottom-end" />
    </NotifierContext.Provider>
  );
}
