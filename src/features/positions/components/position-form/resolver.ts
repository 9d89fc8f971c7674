import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import { validatePosition } from '../../utils/validate-position';

/** react-hook-form's view of validatePosition: nested errors by field path. */
export const positionResolver: Resolver<PositionFormValues> = (values) => {
  const problems = validatePosition(values);
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
