import { createContext, useContext } from 'react';

export type Intent = 'success' | 'info' | 'warning' | 'error';
export type Notify = (message: string, intent?: Intent) => void;

export const NotifierContext = createContext<Notify>(() => {
  // Outside a NotifierProvider (a component rendered on its own) there is nowhere to show it.
});

/** Shows a short confirmation ("Position saved") as a toast, announced to screen readers. */
export const useNotify = (): Notify => useContext(NotifierContext);
