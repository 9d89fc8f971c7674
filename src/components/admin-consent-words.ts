import { SCOPES } from '../auth/scopes';

/** The permission People and Organisation need, as an administrator grants it. */
export const OTHERS_PERMISSION = SCOPES.others.join(', ');

/** "A, B, C or D". */
export const oneOf = (names: readonly string[]) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
