import { FormSection } from './form-section';
import { TextField } from './text-field';

export function AboutFields() {
  return (
    <FormSection title="About the role">
      <TextField
        name="detail.description"
        label="Description"
        multiline
        hint="What the role is about"
      />
      <TextField
        name="detail.summary"
        label="Summary"
        multiline
        hint="A short line shown with the position"
      />
    </FormSection>
  );
}
