import { Field, Select } from '@fluentui/react-components';
import { Controller } from 'react-hook-form';
import { ADDRESS_TYPE_OPTIONS } from '../../types';
import type { PositionFormValues } from '../../utils/form-mapping';
import { FormSection } from './form-section';
import { TextField } from './text-field';

export function AddressFields() {
  return (
    <FormSection title="Company address">
      <TextField
        name="detail.company.address.street"
        label="Street"
        autoComplete="street-address"
      />
      <TextField name="detail.company.address.city" label="City" autoComplete="address-level2" />
      <TextField
        name="detail.company.address.state"
        label="State or province"
        autoComplete="address-level1"
      />
      <TextField
        name="detail.company.address.postalCode"
        label="Postal code"
        autoComplete="postal-code"
      />
      <TextField
        name="detail.company.address.countryOrRegion"
        label="Country or region"
        autoComplete="country"
      />
      <TextField name="detail.company.address.postOfficeBox" label="Post office box" />
      <Controller<PositionFormValues, 'detail.company.address.type'>
        name="detail.company.address.type"
        render={({ field, fieldState }) => (
          <Field label="Address type" validationMessage={fieldState.error?.message}>
            <Select
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              onChange={(_, data) => field.onChange(data.value)}
            >
              <option value="">Not set</option>
              {ADDRESS_TYPE_OPTIONS.map((option) => (
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
