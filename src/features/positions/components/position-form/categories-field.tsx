import {
  Field,
  Tag,
  TagPicker,
  TagPickerControl,
  TagPickerGroup,
  TagPickerInput,
  type TagPickerProps,
} from '@fluentui/react-components';
import { useState, type KeyboardEvent } from 'react';
import { Controller } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import { positionFields } from '../../utils/position-fields';
import { FormSection } from './form-section';

/** Categories as tags: type one and press Enter (or a comma) to add it; choosing a tag (click, or Backspace/Delete) removes it. */
export function CategoriesField() {
  const [draft, setDraft] = useState('');
  return (
    <FormSection title="Categories">
      <Controller<PositionFormValues, typeof positionFields.categories.path>
        name={positionFields.categories.path}
        render={({ field, fieldState }) => {
          const add = () => {
            const value = draft.trim();
            if (
              value &&
              !field.value.some((existing) => existing.toLowerCase() === value.toLowerCase())
            )
              field.onChange([...field.value, value]);
            setDraft('');
          };
          const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
            if ((event.key === 'Enter' || event.key === ',') && draft.trim()) {
              event.preventDefault();
              add();
            }
          };
          const onOptionSelect: TagPickerProps['onOptionSelect'] = (_, data) =>
            field.onChange(data.selectedOptions);
          return (
            <Field
              label={positionFields.categories.label}
              validationMessage={fieldState.error?.message}
              hint={
                fieldState.error
                  ? undefined
                  : 'Press Enter after each one, e.g. "digital transformation"'
              }
            >
              <TagPicker noPopover selectedOptions={field.value} onOptionSelect={onOptionSelect}>
                <TagPickerControl>
                  <TagPickerGroup aria-label={`${positionFields.categories.label} added`}>
                    {field.value.map((category) => (
                      <Tag
                        key={category}
                        value={category}
                        shape="rounded"
                        dismissible
                        title={`Remove ${category}`}
                      >
                        {category}
                      </Tag>
                    ))}
                  </TagPickerGroup>
                  <TagPickerInput
                    ref={field.ref}
                    name={field.name}
                    value={draft}
                    onChange={(event) => setDraft(event.target.value)}
                    onKeyDown={onKeyDown}
                    onBlur={() => {
                      if (draft.trim()) add();
                      field.onBlur();
                    }}
                  />
                </TagPickerControl>
              </TagPicker>
            </Field>
          );
        }}
      />
    </FormSection>
  );
}
