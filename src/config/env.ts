import { resolveAppConfig, type ConfigResult, type LocalStackEndpoints } from './app-config';

declare global {
  interface Window {
    /** Set by /app-config.js, written at deployment (or served by the dev server). */
    profileEditorConfig?: unknown;
    /** Set by the app-config.js that `npm start` and `vite preview` serve: the embedded stack. */
    profileEditorLocalStack?: LocalStackEndpoints;
  }
}

/** The configuration for this page, checked once at start-up. */
export function loadAppConfig(): ConfigResult {
  return resolveAppConfig(window.profileEditorConfig, window.profileEditorLocalStack);
}
