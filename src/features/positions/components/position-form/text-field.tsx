import { Field, Input, Textarea } from '@fluentui/react-components';
import { Controller } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import type {
  TextField as TextFieldSpec,
  TextPath,
  WebUrlField,
  WholeNumberField,
} from '../../utils/position-fields';

/**
 * One text property of the field table: a Fluent Field (its label, whether it is
 * required, a hint, the message) around one Input or Textarea.
 */
export function TextField({
  field: spec,
  hint,
  multiline,
  autoComplete,
  inputMode,
  disabled,
  type = 'text',
}: {
  field: TextFieldSpec | WebUrlField | WholeNumberField;
  hint?: string;
  multiline?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  disabled?: boolean;
  type?: 'text' | 'url';
}) {
  return (
    <Controller<PositionFormValues, TextPath>
      name={spec.path}
      render={({ field, fieldState }) => (
        <Field
          label={spec.label}
          required={spec.kind === 'text' && spec.required !== undefined}
          validationMessage={fieldState.error?.message}
          hint={fieldState.error ? undefined : hint}
        >
          {multiline ? (
            <Textarea
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              disabled={disabled}
              onChange={(_, data) => field.onChange(data.value)}
              resize="vertical"
              rows={4}
              dir="auto"
            />
          ) : (
            <Input
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              disabled={disabled}
              onChange={(_, data) => field.onChange(data.value)}
              autoComplete={autoComplete ?? 'off'}
              inputMode={inputMode}
              type={type}
              dir="auto"
            />
          )}
        </Field>
      )}
    />
  );
}
