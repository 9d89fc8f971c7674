import { Toast, ToastTitle, Toaster, useId, useToastController } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Intent } from './use-notify';

export interface ToastMessage {
  id: number;
  message: string;
  intent: Intent;
}

/**
 * Shows queued messages as Fluent toasts, announced to screen readers, and reports each
 * as shown. Loaded on its own, after the first page: nothing on that page needs it.
 */
export default function ToastHost({
  messages,
  onShown,
}: {
  messages: ToastMessage[];
  onShown: (id: number) => void;
}) {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  useEffect(() => {
    for (const { id, message, intent } of messages) {
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, timeout: 4000, politeness: intent === 'error' ? 'assertive' : 'polite' },
      );
      onShown(id);
    }
  }, [messages, dispatchToast, onShown]);
  return <Toaster toasterId={toasterId} position="bottom-end" />;
}
