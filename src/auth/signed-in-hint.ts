/**
 * Whether someone signed in to Profile Editor in this browser and has not signed out since:
 * one flag in local storage (no name, no token). A new tab tries a silent sign-in only
 * then, so a first visit, or a visit after signing out, shows the sign-in page at once.
 */
const SIGNED_IN = 'profile-editor.signedIn';

export function rememberSignedIn(): void {
  try {
    localStorage.setItem(SIGNED_IN, '1');
  } catch {
    // Storage blocked: a new tab shows the sign-in page, as on a first visit.
  }
}

export function forgetSignedIn(): void {
  try {
    localStorage.removeItem(SIGNED_IN);
  } catch {
    // Nothing was kept.
  }
}

export function signedInBefore(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN) === '1';
  } catch {
    return false;
  }
}
