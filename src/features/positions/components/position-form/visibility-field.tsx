import { Dropdown, Field, Option } from '@fluentui/react-components';
import { Controller, useFormState } from 'react-hook-form';
import { isOfferedAudience } from '../../types';
import type { PositionFormValues } from '../../utils/form-mapping';
import { describeFieldValue, positionFields } from '../../utils/position-fields';
import { FormSection } from './form-section';

/**
 * "Who can see this": the position's allowedAudiences. A stored value the list does not
 * offer (a flags combination such as "organization,federatedOrganizations", or
 * `unknownFutureValue`) is shown in words as an option of its own, so it stays chosen,
 * and is sent back only if the user picks something else.
 */
export function VisibilityField() {
  const { allowedAudiences } = positionFields;
  const { defaultValues } = useFormState<PositionFormValues>();
  const stored = defaultValues?.allowedAudiences;
  const options = [
    ...(stored && !isOfferedAudience(stored)
      ? [{ value: stored, label: describeFieldValue(allowedAudiences, stored) }]
      : []),
    ...allowedAudiences.options,
  ];
  return (
    <FormSection title="Who can see this">
      <Controller<PositionFormValues, typeof allowedAudiences.path>
        name={allowedAudiences.path}
        render={({ field, fieldState }) => (
          <Field
            label={allowedAudiences.label}
            required
            validationMessage={fieldState.error?.message}
            hint="Who can see this position on your profile"
          >
            <Dropdown
              name={field.name}
              ref={field.ref}
              onBlur={field.onBlur}
              value={describeFieldValue(allowedAudiences, field.value)}
              selectedOptions={[field.value]}
              onOptionSelect={(_, data) => {
                if (data.optionValue) field.onChange(data.optionValue);
              }}
            >
              {options.map((option) => (
                <Option key={option.value} value={option.value}>
                  {option.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      />
    </FormSection>
  );
}
