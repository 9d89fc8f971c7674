import { Checkbox, Field, Input, Select, makeStyles } from '@fluentui/react-components';
import { useMemo, useRef } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import type { MonthYear, PositionFormValues } from '../../utils/form-mapping';
import { positionFields, type MonthYearField } from '../../utils/position-fields';
import { FormSection } from './form-section';

const useStyles = makeStyles({
  pair: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 7em)',
    gap: '8px',
    alignItems: 'start',
  },
  // Fluent's Input and Select have an intrinsic minimum width; here they share a narrow cell.
  control: { minWidth: 0, width: '100%' },
  full: { gridColumn: '1 / -1' },
});

function useMonthNames(): string[] {
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, index) =>
      format.format(new Date(Date.UTC(2000, index, 1))),
    );
  }, []);
}

function MonthYearFields({
  field: spec,
  disabled,
  required,
}: {
  field: MonthYearField;
  disabled?: boolean;
  required?: boolean;
}) {
  const styles = useStyles();
  const months = useMonthNames();
  // "Start month", "Start year" inside the group "Start date".
  const label = spec.word.charAt(0).toUpperCase() + spec.word.slice(1);
  return (
    <div className={styles.pair} role="group" aria-label={spec.label}>
      <Controller<PositionFormValues, `${MonthYearField['path']}.month`>
        name={`${spec.path}.month`}
        render={({ field, fieldState }) => (
          <Field
            label={`${label} month`}
            required={required}
            validationMessage={fieldState.error?.message}
          >
            <Select
              className={styles.control}
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              disabled={disabled}
              onChange={(_, data) => field.onChange(data.value)}
            >
              <option value="">Month</option>
              {months.map((name, index) => (
                <option key={name} value={String(index + 1)}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      />
      <Controller<PositionFormValues, `${MonthYearField['path']}.year`>
        name={`${spec.path}.year`}
        render={({ field, fieldState }) => (
          <Field
            label={`${label} year`}
            required={required}
            validationMessage={fieldState.error?.message}
          >
            <Input
              className={styles.control}
              name={field.name}
              ref={field.ref}
              value={field.value}
              onBlur={field.onBlur}
              disabled={disabled}
              onChange={(_, data) => field.onChange(data.value)}
              inputMode="numeric"
              maxLength={4}
              placeholder="YYYY"
              autoComplete="off"
            />
          </Field>
        )}
      />
    </div>
  );
}

/** Start and end month and year; "I currently work in this role" clears and disables the end. */
export function DatesFields() {
  const styles = useStyles();
  const { setValue, getValues, trigger, formState } = useFormContext<PositionFormValues>();
  const isCurrent = useWatch<PositionFormValues, 'isCurrent'>({ name: 'isCurrent' });
  // The end date the user had before ticking "current", given back if they untick it.
  const endBeforeCurrent = useRef<MonthYear | null>(null);

  function changeCurrent(checked: boolean) {
    setValue('isCurrent', checked, { shouldDirty: true });
    if (checked) {
      endBeforeCurrent.current = getValues('detail.end');
      setValue('detail.end.month', '', { shouldDirty: true });
      setValue('detail.end.year', '', { shouldDirty: true });
    } else if (endBeforeCurrent.current) {
      setValue('detail.end.month', endBeforeCurrent.current.month, { shouldDirty: true });
      setValue('detail.end.year', endBeforeCurrent.current.year, { shouldDirty: true });
    }
    if (formState.isSubmitted) void trigger(['detail.end.month', 'detail.end.year']);
  }

  return (
    <FormSection title="Dates">
      <MonthYearFields field={positionFields.start} required />
      <MonthYearFields field={positionFields.end} disabled={isCurrent} required={!isCurrent} />
      <div className={styles.full}>
        <Controller<PositionFormValues, typeof positionFields.isCurrent.path>
          name={positionFields.isCurrent.path}
          render={({ field }) => (
            <Checkbox
              name={field.name}
              ref={field.ref}
              checked={field.value}
              onBlur={field.onBlur}
              onChange={(_, data) => changeCurrent(data.checked === true)}
              label={positionFields.isCurrent.label}
            />
          )}
        />
      </div>
    </FormSection>
  );
}
