import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { GraphErrorMessage } from '../../../../components/graph-error-message';
import { GraphError } from '../../../../graph/graph-error';
import { MAX_ATTEMPTS } from '../../../../graph/retry-policy';
import type { Position, PositionPatch } from '../../types';
import { changedFields } from '../../utils/position-fields';
import { formatEditedDate } from '../../utils/format-dates';
import { toFormValues, type PositionFormValues } from '../../utils/form-mapping';
import { saveDraft } from '../../utils/drafts';
import { mergeEdits, settleConflicts, type FieldConflict } from '../../utils/merge-edits';
import { fieldErrorsFromGraph } from '../../utils/server-errors';
import { toCreateBody, toPatch } from '../../utils/to-patch';
import { useLeaveGuard } from '../use-leave-guard';
import { AboutFields } from './about-fields';
import { AddressFields } from './address-fields';
import { CategoriesField } from './categories-field';
import { ConflictPanel } from './conflict-panel';
import { DatesFields } from './dates-fields';
import { JobFields } from './job-fields';
import { positionResolver } from './resolver';
import { applyValues, usePositionDraft } from './use-position-draft';
import { VisibilityField } from './visibility-field';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '16px', minWidth: 0 },
  fields: { display: 'grid', gap: '16px', minWidth: 0, margin: 0, padding: 0, border: 'none' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  actions: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    gap: '8px',
    flexWrap: 'wrap',
    alignItems: 'center',
    // Bleeds to the page's edges: the negative margin matches PageLayout's padding.
    padding: '12px 16px',
    margin: '0 -16px',
    backgroundColor: tokens.colorNeutralBackground2,
    '@media (max-width: 480px)': { padding: '12px', margin: '0 -12px' },
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
  /** Reads the position as the server holds it now (after a 412). */
  onReload?: () => Promise<Position>;
  /** After Graph confirmed: the saved position. */
  onSaved: (saved: Position) => void;
  save: SaveProgress;
  /** Where unsaved input of a position (undefined: a new one) is kept between visits. */
  draftKeyFor?: (positionId: string | undefined) => string;
  /** Adds the form's values as a new position (offered when someone deleted this one meanwhile). */
  onRecreate?: (body: PositionPatch) => Promise<Position>;
  /** More buttons beside Save. */
  extraActions?: ReactNode;
}

const MAX_REBASES = 3;

/**
 * The one form for a position, new or existing. Validation runs before any request;
 * the PATCH carries exactly what changed (toPatch over react-hook-form's dirty fields);
 * on failure everything typed stays, in the form and in a draft.
 */
export function PositionForm({
  position,
  onSave,
  onReload,
  onSaved,
  save,
  draftKeyFor,
  onRecreate,
  extraActions,
}: PositionFormProps) {
  const styles = useStyles();
  const isNew = !position;
  // The version the form's values are based on: the one it opened with, then each one
  // saved or re-read after a conflict. A ref, because a save right after a rebase must see it.
  const base = useRef(position);
  const form = useForm<PositionFormValues>({
    defaultValues: toFormValues(position),
    resolver: positionResolver,
    mode: 'onTouched',
  });
  const { formState, handleSubmit } = form;
  const { isDirty } = formState;
  // The values the form counts as clean, also a ref: a navigation right after a save must
  // see the reset before React has re-rendered.
  const clean = useRef(form.getValues());
  const stillDirty = useCallback(
    () => changedFields(clean.current, form.getValues()).length > 0,
    [form],
  );
  const draft = usePositionDraft(form, draftKeyFor?.(position?.id), clean);
  useLeaveGuard(stillDirty, draft.forget);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [conflict, setConflict] = useState<{ conflicts: FieldConflict[]; server: Position } | null>(
    null,
  );
  const [deletedMeanwhile, setDeletedMeanwhile] = useState(false);
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);

  /**
   * From now on `server` is the base, with `values` laid over it (dirty where they
   * differ). Whatever was typed after `sent` was submitted stays on top, still unsaved.
   */
  function rebase(server: Position, values: PositionFormValues, sent: PositionFormValues) {
    const typedMeanwhile = form.getValues();
    base.current = server;
    clean.current = toFormValues(server);
    form.reset(clean.current);
    applyValues(form, clean.current, values);
    applyValues(form, sent, typedMeanwhile);
  }

  function bodyFor(values: PositionFormValues): PositionPatch {
    return base.current ? toPatch(values, base.current) : toCreateBody(values);
  }

  /** The form is clean as `saved` now; what was typed after `sent` was submitted stays, unsaved. */
  function settle(saved: Position, sent: PositionFormValues) {
    const typedMeanwhile = form.getValues();
    base.current = saved;
    clean.current = toFormValues(saved);
    form.reset(clean.current);
    applyValues(form, sent, typedMeanwhile);
    if (!stillDirty()) draft.forget();
  }

  async function send(values: PositionFormValues, rebases = 0): Promise<void> {
    const body = bodyFor(values);
    if (Object.keys(body).length === 0) {
      if (rebases > 0 && base.current) {
        // After a conflict the server already holds all of it (an earlier attempt's answer was lost).
        settle(base.current, values);
        setStatus('All changes saved.');
        onSaved(base.current);
      } else {
        settle(base.current ?? position!, values);
        setStatus('No changes to save.');
      }
      return;
    }
    try {
      const saved = await onSave(body, base.current);
      if (isNew && !base.current) carryOver(saved, values);
      settle(saved, values);
      setStatus(isNew ? 'Position added.' : 'All changes saved.');
      onSaved(saved);
    } catch (error) {
      if (
        error instanceof GraphError &&
        error.status === 412 &&
        base.current &&
        onReload &&
        rebases < MAX_REBASES
      ) {
        return resolveConflict(values, rebases);
      }
      if (error instanceof GraphError && error.status === 404 && base.current) {
        showDeleted();
        return;
      }
      throw error;
    }
  }

  /**
   * A new position came back different from what the form holds (an earlier attempt,
   * unanswered, was found and taken): the difference goes with it as its draft, put back
   * when its page opens.
   */
  function carryOver(created: Position, values: PositionFormValues) {
    const createdValues = toFormValues(created);
    if (!draftKeyFor || changedFields(createdValues, values).length === 0) return;
    saveDraft(localStorage, draftKeyFor(created.id), {
      values,
      baseValues: createdValues,
      savedAt: new Date().toISOString(),
      reason: 'carried',
    });
  }

  function showDeleted() {
    setDeletedMeanwhile(true);
    setStatus('Someone else deleted this position.');
  }

  /** Someone else saved first: merge field by field, ask only where both changed the same field. */
  async function resolveConflict(values: PositionFormValues, rebases: number): Promise<void> {
    let server: Position;
    try {
      server = await onReload!();
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) {
        showDeleted();
        return;
      }
      throw error;
    }
    const { merged, conflicts } = mergeEdits(
      toFormValues(base.current),
      values,
      toFormValues(server),
    );
    rebase(server, merged, values);
    if (conflicts.length > 0) {
      setConflict({ conflicts, server });
      setStatus('Someone else changed this position. Choose which version to keep.');
      return;
    }
    // Different fields: both changes stand. Send what was submitted again, against the new version.
    return send(merged, rebases + 1);
  }

  async function run(values: PositionFormValues) {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setSaveError(null);
    setConflict(null);
    setStatus(isNew ? 'Adding…' : 'Saving…');
    try {
      await send(values);
    } catch (error) {
      setSaveError(error);
      setStatus(
        isNew
          ? 'The position was not added. Your input is still here.'
          : 'Your changes were not saved. They are still here.',
      );
      if (error instanceof GraphError) {
        const fields = fieldErrorsFromGraph(error);
        fields.forEach(({ field, message }) =>
          form.setError(field as FieldPath<PositionFormValues>, { type: 'server', message }),
        );
        if (fields[0]) form.setFocus(fields[0].field as FieldPath<PositionFormValues>);
      }
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  const submit = handleSubmit(run);

  function resolveWith(choices: Record<string, 'mine' | 'theirs'>) {
    if (!conflict) return;
    // 'Keep mine' keeps what the field holds now (the user may have merged by hand meanwhile).
    const settled = settleConflicts(form.getValues(), conflict.conflicts, choices);
    form.reset(clean.current);
    applyValues(form, clean.current, settled);
    void submit();
  }

  async function recreate() {
    if (!onRecreate || saving.current) return;
    saving.current = true;
    setBusy(true);
    setSaveError(null);
    try {
      const created = await onRecreate(toCreateBody(form.getValues()));
      draft.forget();
      clean.current = toFormValues(created);
      form.reset(clean.current);
      setDeletedMeanwhile(false);
      onSaved(created);
    } catch (error) {
      setSaveError(error);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  function discardChanges() {
    draft.forget();
    clean.current = toFormValues(base.current);
    form.reset(clean.current);
    setConflict(null);
    setSaveError(null);
    setStatus('Changes discarded.');
  }

  const errorCount = Object.keys(formState.errors).length;
  const working = busy || save.isPending;
  const label = working
    ? isNew
      ? 'Adding…'
      : 'Saving…'
    : saveError
      ? 'Try again'
      : isNew
        ? 'Add position'
        : 'Save';

  return (
    <FormProvider {...form}>
      <form
        className={styles.form}
        onSubmit={submit}
        noValidate
        aria-label={isNew ? 'New position' : 'Edit position'}
      >
        {draft.offer && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>You have unsaved changes</MessageBarTitle>
              From {formatEditedDate(draft.offer.savedAt) ?? 'earlier'},{' '}
              {new Date(draft.offer.savedAt).toLocaleTimeString()}. Restore them to carry on where
              you left off.
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="primary" onClick={() => draft.restore(draft.offer!)}>
                Restore changes
              </Button>
              <Button onClick={draft.discardOffer}>Discard them</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {draft.restoredAfterSignIn && (
          <MessageBar intent="success" layout="multiline" role="status">
            <MessageBarBody>
              {draft.restoredAfterSignIn === 'sign-in'
                ? "You signed in again; what you were typing is back. Save when you're ready."
                : 'The position was added. Your latest changes to it are below, not saved yet.'}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={draft.dismissRestored}>OK</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {formState.isSubmitted && errorCount > 0 && !formState.isSubmitSuccessful && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Check the highlighted fields</MessageBarTitle>
              Nothing was sent. Fix the fields marked below, then{' '}
              {isNew ? 'add the position' : 'save'} again.
            </MessageBarBody>
          </MessageBar>
        )}
        {deletedMeanwhile && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Someone else deleted this position</MessageBarTitle>
              Your changes were not saved and are still in the form below, so you can copy what you
              need, or add it again as a new position.
            </MessageBarBody>
            {onRecreate && (
              <MessageBarActions>
                <Button appearance="primary" onClick={() => void recreate()} disabled={working}>
                  Add it as a new position
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {conflict && (
          <ConflictPanel
            conflicts={conflict.conflicts}
            server={conflict.server}
            onResolve={resolveWith}
            busy={working}
          />
        )}
        {saveError !== null && !working && (
          <GraphErrorMessage
            error={saveError}
            action={isNew ? 'Adding the position' : 'Saving your changes'}
          />
        )}
        {save.isPending && save.isPaused && (
          <MessageBar intent="warning" layout="multiline" role="status">
            <MessageBarBody>
              <MessageBarTitle>You're offline</MessageBarTitle>
              Your {isNew ? 'new position' : 'changes'} will be sent as soon as the network is back.
              Nothing you typed is lost.
            </MessageBarBody>
          </MessageBar>
        )}
        {save.isPending && !save.isPaused && save.failureCount > 0 && (
          <MessageBar intent="warning" layout="multiline" role="status">
            <MessageBarBody>
              Microsoft Graph is busy; trying again (attempt {save.failureCount + 1} of{' '}
              {MAX_ATTEMPTS})…
            </MessageBarBody>
          </MessageBar>
        )}
        {/* While a new position is being added its fields wait, so what is sent is what it holds. */}
        <fieldset className={styles.fields} disabled={isNew && working}>
          <legend className={styles.hidden}>{isNew ? 'New position' : 'Position'}</legend>
          <JobFields />
          <DatesFields />
          <VisibilityField />
          <CategoriesField />
          <AboutFields />
          <AddressFields />
        </fieldset>
        <div className={styles.actions}>
          <Button
            appearance="primary"
            type="submit"
            disabled={working || (!isNew && !isDirty) || conflict !== null || deletedMeanwhile}
            icon={working ? <Spinner size="tiny" aria-hidden /> : undefined}
          >
            {label}
          </Button>
          {!isNew && isDirty && !working && (
            <Button appearance="subtle" onClick={discardChanges}>
              Discard changes
            </Button>
          )}
          {extraActions}
          <span className={styles.status} role="status" aria-live="polite">
            {working ? '' : status}
          </span>
        </div>
      </form>
    </FormProvider>
  );
}
