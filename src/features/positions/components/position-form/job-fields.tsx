import { positionFields } from '../../utils/position-fields';
import { FormSection } from './form-section';
import { TextField } from './text-field';

export function JobFields() {
  return (
    <FormSection title="Role">
      <TextField field={positionFields.jobTitle} autoComplete="organization-title" />
      <TextField field={positionFields.company} autoComplete="organization" />
      <TextField field={positionFields.department} />
      <TextField
        field={positionFields.officeLocation}
        hint="Building, floor or room, e.g. 12/1110"
      />
      <TextField
        field={positionFields.webUrl}
        type="url"
        inputMode="url"
        hint="Starts with https://"
      />
      <TextField field={positionFields.pronunciation} hint="How to say the company's name" />
    </FormSection>
  );
}
