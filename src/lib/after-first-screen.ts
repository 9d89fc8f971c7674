import { useEffect, useState } from 'react';

/** The User Timing mark the first positions list sets once painted (what `npm run bench` measures). */
export const LIST_PAINTED = 'profile-editor:positions-list-painted';

/** Pages that are not the list (an address opened directly) wait no longer than this. */
const FIRST_SCREEN_TIMEOUT_MS = 3_000;

let waiting: Promise<void> | undefined;

/**
 * Resolves once the first screen is up and the browser is idle: after the list's mark (or
 * a few seconds on other pages). Code the first screen does not need (Fluent UI's focus
 * manager, the toasts) loads then, instead of competing with the list for the main thread
 * while Graph answers.
 */
export function afterFirstScreen(): Promise<void> {
  waiting ??= new Promise<void>((resolve) => {
    let observer: PerformanceObserver | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      observer?.disconnect();
      clearTimeout(timer);
      // Safari has no requestIdleCallback.
      if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve());
      else setTimeout(resolve, 0);
    };
    const timer = setTimeout(finish, FIRST_SCREEN_TIMEOUT_MS);
    if (performance.getEntriesByName(LIST_PAINTED).length > 0) {
      finish();
      return;
    }
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName(LIST_PAINTED).length > 0) finish();
      });
      observer.observe({ type: 'mark' });
    } catch {
      // No mark observer: the timeout decides.
    }
  });
  return waiting;
}

/** False until afterFirstScreen() has resolved: for work the first screen can do without. */
export function useAfterFirstScreen(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    let mounted = true;
    void afterFirstScreen().then(() => {
      if (mounted) setDone(true);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return done;
}
