import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import { validatePosition } from '../../utils/validate-position';

/**
 * react-hook-form's view of validatePosition: nested errors by field path. `unchanged`
 * gives, at the moment of validating, the values of the version being edited (only what
 * differs from them is judged), or undefined to judge every field (a new position).
 */
export function createPositionResolver(
  unchanged: () => PositionFormValues | undefined,
): Resolver<PositionFormValues> {
  return (values) => {
    const problems = validatePosition(values, unchanged());
    const paths = Object.keys(problems);
    if (paths.length === 0) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const path of paths) {
      const keys = path.split('.');
      let node = errors;
      keys.slice(0, -1).forEach((key) => {
        node = (node[key] ??= {}) as Record<string, unknown>;
      });
      node[keys[keys.length - 1]] = {
        type: 'validate',
        message: problems[path],
      } satisfies FieldError;
    }
    return { values: {}, errors: errors as FieldErrors<PositionFormValues> };
  };
}

/**
 * A resolver that judges what changed from values it learns after the form exists (the
 * save's clean values): `judgeAgainst(getClean)` once they are known, `judgeAgainst(undefined)`
 * to judge every field.
 */
export function createTouchedResolver() {
  let unchanged: (() => PositionFormValues) | undefined;
  return {
    resolver: createPositionResolver(() => unchanged?.()),
    judgeAgainst: (getUnchanged: (() => PositionFormValues) | undefined) => {
      unchanged = getUnchanged;
    },
  };
}
