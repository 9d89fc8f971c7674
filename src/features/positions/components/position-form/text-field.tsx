import { Field, Input, Textarea } from '@fluentui/react-components';
import { Controller, type FieldPath } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';

type TextPath = Extract<FieldPath<PositionFormValues>, `detail.${string}`>;

/** One text property: a Fluent Field (label, hint, message) around one Input or Textarea. */
export function TextField({
  name,
  label,
  hint,
  required,
  multiline,
  autoComplete,
  inputMode,
  disabled,
  type = 'text',
}: {
  name: TextPath;
  label: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  disabled?: boolean;
  type?: 'text' | 'url';
}) {
  return (
    <Controller<PositionFormValues, TextPath>
      name={name}
      render={({ field, fieldState }) => (
        <Field
          label={label}
          required={required}
          validationMessage={fieldState.error?.message}
          hint={fieldState.error ? undefined : hint}
        >
          {multiline ? (
            <Textarea
              name={field.name}
              ref={field.ref}
              value={field.value as string}
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
              value={field.value as string}
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
