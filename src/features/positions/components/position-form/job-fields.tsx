import { FormSection } from './form-section';
import { TextField } from './text-field';

export function JobFields() {
  return (
    <FormSection title="Role">
      <TextField
        name="detail.jobTitle"
        label="Job title"
        required
        autoComplete="organization-title"
      />
      <TextField
        name="detail.company.displayName"
        label="Company"
        required
        autoComplete="organization"
      />
      <TextField name="detail.company.department" label="Department" />
      <TextField
        name="detail.company.officeLocation"
        label="Office location"
        hint="Building, floor or room, e.g. 12/1110"
      />
      <TextField
        name="detail.company.webUrl"
        label="Company web address"
        type="url"
        inputMode="url"
        hint="Starts with https://"
      />
      <TextField
        name="detail.company.pronunciation"
        label="Company pronunciation"
        hint="How to say the company's name"
      />
    </FormSection>
  );
}
