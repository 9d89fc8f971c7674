import { positionFields } from '../../utils/position-fields';
import { FormSection } from './form-section';
import { TextField } from './text-field';

export function AboutFields() {
  return (
    <FormSection title="About the role">
      <TextField field={positionFields.description} multiline hint="What the role is about" />
      <TextField
        field={positionFields.summary}
        multiline
        hint="A short line shown with the position"
      />
    </FormSection>
  );
}
