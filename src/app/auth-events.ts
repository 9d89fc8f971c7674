import { EventType, type AuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { useSyncExternalStore } from 'react';

/** The last sign-in or consent failure MSAL reported (e.g. consent refused), for the screen to explain. */
let lastError: AuthError | null = null;
const listeners = new Set<() => void>();

export function trackAuthErrors(msal: IPublicClientApplication): void {
  msal.addEventCallback((event) => {
    if (event.eventType === EventType.ACQUIRE_TOKEN_FAILURE) {
      lastError = event.error as AuthError | null;
      listeners.forEach((listener) => listener());
    }
    if (event.eventType === EventType.LOGIN_SUCCESS) clearAuthError();
  });
}

export function clearAuthError(): void {
  lastError = null;
  listeners.forEach((listener) => listener());
}

export function useLastAuthError(): AuthError | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => lastError,
  );
}
