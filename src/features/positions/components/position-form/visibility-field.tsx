import { Dropdown, Field, Option } from '@fluentui/react-components';
import { Controller } from 'react-hook-form';
import { AUDIENCE_OPTIONS, audienceLabel } from '../../types';
import type { PositionFormValues } from '../../utils/form-mapping';
import { FormSection } from './form-section';

/** "Who can see this": the position's allowedAudiences. */
export function VisibilityField() {
  return (
    <FormSection title="Who can see this">
      <Controller<PositionFormValues, 'allowedAudiences'>
        name="allowedAudiences"
        render={({ field, fieldState }) => (
          <Field
            label="Visible to"
            required
            validationMessage={fieldState.error?.message}
            hint="Who can see this position on your profile"
          >
            <Dropdown
              name={field.name}
              ref={field.ref}
              onBlur={field.onBlur}
              value={audienceLabel(field.value)}
              selectedOptions={[field.value]}
              onOptionSelect={(_, data) => {
                if (data.optionValue) field.onChange(data.optionValue);
              }}
            >
              {AUDIENCE_OPTIONS.map((option) => (
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
