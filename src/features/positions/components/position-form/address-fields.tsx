import { Field, Select } from '@fluentui/react-components';
import { Controller } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import { positionFields } from '../../utils/position-fields';
import { FormSection } from './form-section';
import { TextField } from './text-field';

export function AddressFields() {
  const { addressType } = positionFields;
  return (
    <FormSection title="Company address">
      <TextField field={positionFields.street} autoComplete="street-address" />
      <TextField field={positionFields.city} autoComplete="address-level2" />
      <TextField field={positionFields.state} autoComplete="address-level1" />
      <TextField field={positionFields.postalCode} autoComplete="postal-code" />
      <TextField field={positionFields.countryOrRegion} autoComplete="country" />
      <TextField field={positionFields.postOfficeBox} />
      <Controller<PositionFormValues, typeof addressType.path>
        name={addressType.path}
        render={({ field, fieldState }) => (
          <Field label={addressType.label} validationMessage={fieldState.error?.message}>
            <Select
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              onChange={(_, data) => field.onChange(data.value)}
            >
              <option value="">Not set</option>
              {addressType.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
      />
    </FormSection>
  );
}
