import type { AuthError } from '@azure/msal-browser';

/** Plain words for what MSAL reports, with its code for whoever supports the user. */
export function describeAuthError(error: AuthError): string {
  const text = `${error.errorCode} ${error.errorMessage} ${error.subError}`;
  if (/AADSTS90094|AADSTS90008|admin/i.test(text)) {
    return 'This needs an administrator to grant permission first. (access_denied)';
  }
  if (error.errorCode === 'access_denied' || text.includes('AADSTS65004')) {
    return 'Permission was not granted, so the app could not continue. (access_denied)';
  }
  if (error.errorCode === 'user_cancelled') return 'Sign-in was cancelled.';
  if (/endpoints_resolution_error|network/i.test(text)) {
    return `The sign-in service could not be reached. Check your connection and the app's configuration. (${error.errorCode})`;
  }
  return `${error.errorMessage || 'Something went wrong while signing in.'} (${error.errorCode})`;
}
