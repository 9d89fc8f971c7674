let navigated = false;

/** Told by the router when the app moves to another page, not the one the browser loaded. */
export function noteInAppNavigation(): void {
  navigated = true;
}

/** False on the page the browser loaded; true once the app has moved to another. */
export const hasNavigatedInApp = (): boolean => navigated;
