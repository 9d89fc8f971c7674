import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { GraphErrorMessage } from '../../../../components/graph-error-message';
import { GraphError } from '../../../../graph/graph-error';
import { MAX_ATTEMPTS } from '../../../../graph/retry-policy';
import type { Position, PositionPatch } from '../../types';
import { changedPaths, valueAtPath } from '../../utils/changed-paths';
import { toFormValues, type PositionFormValues } from '../../utils/form-mapping';
import { fieldErrorsFromGraph } from '../../utils/server-errors';
import { toCreateBody, toPatch, type DirtyFields } from '../../utils/to-patch';
import { UnsavedChangesDialog, useUnsavedChangesGuard } from '../unsaved-changes';
import { AboutFields } from './about-fields';
import { AddressFields } from './address-fields';
import { CategoriesField } from './categories-field';
import { DatesFields } from './dates-fields';
import { JobFields } from './job-fields';
import { positionResolver } from './resolver';
import { VisibilityField } from './visibility-field';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '16px' },
  actions: {
    position: 'sticky', bottom: 0, zIndex: 1, display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center',
    padding: '12px 16px', margin: '0 -16px', backgroundColor: tokens.colorNeutralBackground2,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  status: { color: tokens.colorNeutralForeground2, marginLeft: 'auto' },
});

/** What a save reports back to the form while it runs. */
export interface SaveProgress {
  isPending: boolean;
  isPaused: boolean;
  failureCount: number;
}

export interface PositionFormProps {
  /** The position as Graph last returned it; absent for a new one. */
  position?: Position;
  /**
   * Sends a PATCH (edit) or POST (new) body; resolves with Graph's answer. `base` is the
   * version the form's values started from: its etag guards the PATCH, so a change made
   * by someone else since then is never silently overwritten.
   */
  onSave: (body: PositionPatch, base?: Position) => Promise<Position>;
  /** After Graph confirmed: the saved position. */
  onSaved: (saved: Position) => void;
  save: SaveProgress;
  extraActions?: React.ReactNode;
}

/**
 * The one form for a position, new or existing. Validation runs before any request;
 * the PATCH carries exactly what changed (toPatch); on failure everything typed stays.
 */
export function PositionForm({ position, onSave, onSaved, save, extraActions }: PositionFormProps) {
  const styles = useStyles();
  // The version the form's values are based on: the one it opened with, then each saved one.
  const [base, setBase] = useState(position);
  const isNew = !base;
  const form = useForm<PositionFormValues>({
    defaultValues: toFormValues(base),
    resolver: positionResolver,
    mode: 'onTouched',
  });
  const { formState, handleSubmit } = form;
  const { isDirty, dirtyFields } = formState;
  const [saveError, setSaveError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const saving = useRef(false);
  // The values the form counts as clean, kept in a ref: a navigation right after a save
  // must see the reset before React has re-rendered.
  const cleanValues = useRef(form.getValues());
  const stillDirty = useCallback(() => changedPaths(cleanValues.current, form.getValues()).length > 0, [form]);
  const guard = useUnsavedChangesGuard(isDirty, stillDirty);

  const submit = handleSubmit(async (values) => {
    if (saving.current) return;
    const body = base ? toPatch(dirtyFields as DirtyFields, values, base) : toCreateBody(values);
    if (Object.keys(body).length === 0) {
      cleanValues.current = values;
      form.reset(values);
      setStatus('No changes to save.');
      return;
    }
    saving.current = true;
    setSaveError(null);
    setStatus(isNew ? 'Adding…' : 'Saving…');
    try {
      const saved = await onSave(body, base);
      setBase(saved);
      // Clean again, with Graph's values; anything typed while the save ran stays, still dirty.
      const typedMeanwhile = form.getValues();
      cleanValues.current = toFormValues(saved);
      form.reset(cleanValues.current);
      for (const path of changedPaths(values, typedMeanwhile)) {
        form.setValue(path as FieldPath<PositionFormValues>, valueAtPath(typedMeanwhile, path) as never, { shouldDirty: true });
      }
      setStatus(isNew ? 'Position added.' : 'All changes saved.');
      onSaved(saved);
    } catch (error) {
      setSaveError(error);
      setStatus(isNew ? 'The position was not added.' : 'Your changes were not saved.');
      if (error instanceof GraphError) {
        const fields = fieldErrorsFromGraph(error);
        fields.forEach(({ field, message }) => form.setError(field as FieldPath<PositionFormValues>, { type: 'server', message }));
        if (fields[0]) form.setFocus(fields[0].field as FieldPath<PositionFormValues>);
      }
    } finally {
      saving.current = false;
    }
  });

  const errorCount = Object.keys(formState.errors).length;
  const busy = formState.isSubmitting || save.isPending;
  const label = busy ? (isNew ? 'Adding…' : 'Saving…') : saveError ? 'Try again' : isNew ? 'Add position' : 'Save';

  return (
    <FormProvider {...form}>
      <form className={styles.form} onSubmit={submit} noValidate aria-label={isNew ? 'New position' : 'Edit position'}>
        {formState.isSubmitted && errorCount > 0 && !formState.isSubmitSuccessful && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Check the highlighted fields</MessageBarTitle>
              Nothing was sent. Fix the fields marked below, then {isNew ? 'add the position' : 'save'} again.
            </MessageBarBody>
          </MessageBar>
        )}
        {saveError !== null && !busy && (
          <GraphErrorMessage error={saveError} action={isNew ? 'Adding the position' : 'Saving your changes'} />
        )}
        {save.isPending && save.isPaused && (
          <MessageBar intent="warning" role="status">
            <MessageBarBody>
              <MessageBarTitle>You're offline</MessageBarTitle>
              Your {isNew ? 'new position' : 'changes'} will be sent as soon as the network is back. Keep this page open.
            </MessageBarBody>
          </MessageBar>
        )}
        {save.isPending && !save.isPaused && save.failureCount > 0 && (
          <MessageBar intent="warning" role="status">
            <MessageBarBody>Microsoft Graph is busy; trying again (attempt {save.failureCount + 1} of {MAX_ATTEMPTS})…</MessageBarBody>
          </MessageBar>
        )}
        <JobFields />
        <DatesFields />
        <VisibilityField />
        <CategoriesField />
        <AboutFields />
        <AddressFields />
        <div className={styles.actions}>
          <Button
            appearance="primary" type="submit" disabled={busy || (!isNew && !isDirty)}
            icon={busy ? <Spinner size="tiny" /> : undefined}
          >
            {label}
          </Button>
          {extraActions}
          <span className={styles.status} role="status" aria-live="polite">{busy ? '' : status}</span>
        </div>
      </form>
      <UnsavedChangesDialog open={guard.pending !== null} onStay={guard.stay} onLeave={guard.leave} />
    </FormProvider>
  );
}
