import { ConsentRefusedError } from '../../../auth/tokens';
import { GraphError } from '../../../graph/graph-error';

/** True when an error means "you may not see or change other people's profiles". */
export function isAccessProblem(error: unknown): boolean {
  return (
    error instanceof ConsentRefusedError || (error instanceof GraphError && error.status === 403)
  );
}
