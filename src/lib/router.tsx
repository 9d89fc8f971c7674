import { useSyncExternalStore, type MouseEvent } from 'react';

export { matchPath } from './match-path';

/**
 * A small history router: the app has a handful of routes, and this one lets a form
 * block in-app navigation (links, buttons, Back and Forward) while it has unsaved changes.
 */

type Listener = () => void;
const listeners = new Set<Listener>();

/** A navigation held back by a blocker until the user decides. */
export interface PendingNavigation {
  proceed(): void;
  cancel(): void;
}

type Blocker = (pending: PendingNavigation) => boolean;
const blockers = new Set<Blocker>();

// Each entry we push carries its index, so a Back/Forward can be undone while a blocker asks.
let currentIndex = (window.history.state as { idx?: number } | null)?.idx ?? 0;
if ((window.history.state as { idx?: number } | null)?.idx === undefined) {
  window.history.replaceState({ ...(window.history.state ?? {}), idx: 0 }, '');
}

let navigatedInApp = false;
const notify = () => {
  navigatedInApp = true;
  lastPathname = window.location.pathname;
  listeners.forEach((listener) => listener());
};

/** False on the page the browser loaded; true once the app has moved to another. */
export const hasNavigatedInApp = () => navigatedInApp;

function askBlockers(go: () => void): boolean {
  for (const blocker of blockers) {
    let settled = false;
    const pending: PendingNavigation = {
      proceed: () => {
        if (!settled) {
          settled = true;
          blockers.delete(blocker);
          go();
        }
      },
      cancel: () => {
        settled = true;
      },
    };
    if (blocker(pending)) return true;
  }
  return false;
}

let ignoreNextPop = false;
let lastPathname = window.location.pathname;
window.addEventListener('popstate', (event) => {
  // A change of the hash alone (MSAL clears its response from it) is not a navigation.
  if (window.location.pathname === lastPathname && !ignoreNextPop) return;
  const nextIndex = (event.state as { idx?: number } | null)?.idx ?? 0;
  if (ignoreNextPop) {
    ignoreNextPop = false;
    currentIndex = nextIndex;
    notify();
    return;
  }
  const delta = nextIndex - currentIndex;
  if (delta !== 0 && blockers.size > 0) {
    // Undo the move while the user is asked; redo it if they choose to leave.
    ignoreNextPop = true;
    window.history.go(-delta);
    askBlockers(() => window.history.go(delta));
    return;
  }
  currentIndex = nextIndex;
  notify();
});

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const go = () => {
    if (options.replace) {
      window.history.replaceState({ idx: currentIndex }, '', to);
    } else {
      currentIndex += 1;
      window.history.pushState({ idx: currentIndex }, '', to);
    }
    notify();
    window.scrollTo(0, 0);
  };
  if (askBlockers(go)) return;
  go();
}

function subscribe(listener: Listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/**
 * Registers a blocker while `active`: it gets each in-app navigation and returns true to
 * hold it (then calls `proceed` or `cancel` on the pending navigation).
 */
export function addNavigationBlocker(blocker: Blocker): () => void {
  blockers.add(blocker);
  return () => blockers.delete(blocker);
}

/** Follows a same-app link without reloading, unless the user asked for a new tab or window. */
export function handleLinkClick(event: MouseEvent<HTMLAnchorElement>, to: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  event.preventDefault();
  navigate(to);
}
