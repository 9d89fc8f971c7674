import { authProblemOf } from '../../../auth/auth-problem';
import { ConsentNeededError } from '../../../auth/tokens';
import { GraphError } from '../../../graph/graph-error';

/**
 * True when an error means "you may not see other people's profiles (yet)": the permission
 * is not granted, the sign-in cannot give a token for it, or Graph refused (403).
 */
export function isAccessProblem(error: unknown): boolean {
  return (
    error instanceof ConsentNeededError ||
    authProblemOf(error, 'others') !== undefined ||
    (error instanceof GraphError && error.status === 403)
  );
}
