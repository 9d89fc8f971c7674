import { Button, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { useFormContext, useFormState } from 'react-hook-form';
import type { PositionFormValues } from '../../utils/form-mapping';
import { fieldValue, MORE_DETAIL_FIELDS, positionFields } from '../../utils/position-fields';
import { TextField } from './text-field';

const useStyles = makeStyles({
  section: {
    display: 'grid',
    gap: '12px',
    padding: '8px 16px',
    minWidth: 0,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  heading: { margin: 0 },
  toggle: { ...typographyStyles.subtitle2, paddingLeft: 0, justifyContent: 'flex-start' },
  grid: {
    display: 'grid',
    gap: '12px 16px',
    paddingBottom: '8px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 240px), 1fr))',
  },
});

/**
 * What HR systems keep about a position (role, level, layer, employee id and type, second
 * title and role; division, second department, cost center, company code), behind a
 * disclosure button (Fluent's Accordion would add its own chunk of code for one panel).
 * Collapsed unless one of them holds a value when the form opens; opened by a problem in
 * one of them.
 */
export function MoreDetailsFields() {
  const styles = useStyles();
  const panelId = useId();
  const { getValues } = useFormContext<PositionFormValues>();
  const [open, setOpen] = useState(() =>
    MORE_DETAIL_FIELDS.some((field) => (fieldValue(getValues(), field) as string).trim() !== ''),
  );
  const { errors } = useFormState<PositionFormValues>();
  const hasProblem = MORE_DETAIL_FIELDS.some((field) =>
    field.path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors),
  );
  const expanded = open || hasProblem;
  return (
    <section className={styles.section} aria-label="More details">
      <h2 className={styles.heading}>
        <Button
          appearance="transparent"
          className={styles.toggle}
          aria-expanded={expanded}
          aria-controls={panelId}
          icon={<span aria-hidden>{expanded ? '▾' : '▸'}</span>}
          onClick={() => setOpen(!expanded)}
        >
          More details
        </Button>
      </h2>
      {expanded && (
        <div id={panelId} className={styles.grid}>
          <TextField field={positionFields.role} />
          <TextField field={positionFields.secondaryJobTitle} />
          <TextField field={positionFields.secondaryRole} />
          <TextField field={positionFields.level} hint="e.g. Senior, L5" />
          <TextField
            field={positionFields.layer}
            inputMode="numeric"
            hint="How many levels below the top, as a whole number, e.g. 3"
          />
          <TextField field={positionFields.employeeId} />
          <TextField field={positionFields.employeeType} hint="e.g. Full time, Contractor" />
          <TextField field={positionFields.division} />
          <TextField field={positionFields.secondaryDepartment} />
          <TextField field={positionFields.costCenter} />
          <TextField field={positionFields.companyCode} />
        </div>
      )}
    </section>
  );
}
