import { Dropdown, Field, Option } from '@fluentui/react-components';
import { Controller } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import { describeFieldValue, positionFields } from '../../utils/position-fields';
import { FormSection } from './form-section';

/** "Who can see this": the position's allowedAudiences. */
export function VisibilityField() {
  const { allowedAudiences } = positionFields;
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
              {allowedAudiences.options.map((option) => (
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
