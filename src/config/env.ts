import * as z from 'zod/mini';
import { resolveAppConfig, type ConfigResult } from './app-config';

declare global {
  interface Window {
    /** Set by /app-config.js, written at deployment (or served by the dev server). */
    profileEditorConfig?: unknown;
    /** Set by the app-config.js that `npm start` and `vite preview` serve: the embedded stack. */
    profileEditorLocalStack?: unknown;
  }
}

const localStackSchema = z.optional(z.object({ authority: z.string(), graphBaseUrl: z.string() }));

/** The configuration for this page, checked once at start-up. */
export function loadAppConfig(): ConfigResult {
  const localStack = localStackSchema.safeParse(window.profileEditorLocalStack);
  if (!localStack.success) {
    return {
      ok: false,
      problems: [
        'app-config.js describes the embedded sign-in and Graph wrongly: profileEditorLocalStack needs the text settings authority and graphBaseUrl.',
      ],
    };
  }
  return resolveAppConfig(window.profileEditorConfig, localStack.data);
}
