import { resolveAppConfig, type ConfigResult } from './app-config';

declare global {
  interface Window {
    /** Set by /app-config.js, written at deployment (or served by the dev server). */
    profileEditorConfig?: unknown;
  }
}

/** The configuration for this page, checked once at start-up. */
export function loadAppConfig(): ConfigResult {
  return resolveAppConfig(window.profileEditorConfig, window.location.origin);
}
