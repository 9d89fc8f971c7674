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
import { useEffect, useState, type ReactNode } from 'react';
import { FormProvider, useForm, useFormState, useWatch } from 'react-hook-form';
import { noteChangingOthersRefused } from '../../../../auth/use-role-access';
import { GraphErrorMessage } from '../../../../components/graph-error-message';
import { GraphError } from '../../../../graph/graph-error';
import { MAX_ATTEMPTS } from '../../../../graph/retry-policy';
import type { OwnerId, Position } from '../../types';
import { formatEditedDate } from '../../utils/format-dates';
import { toFormValues, type PositionFormValues } from '../../utils/form-mapping';
import { changedFields } from '../../utils/position-fields';
import { UnsavedChangesDialog } from '../unsaved-changes';
import { useLeaveGuard } from '../use-leave-guard';
import { AboutFields } from './about-fields';
import { AddressFields } from './address-fields';
import { CategoriesField } from './categories-field';
import { ConflictPanel } from './conflict-panel';
import { DatesFields } from './dates-fields';
import { JobFields } from './job-fields';
import { MoreDetailsFields } from './more-details-fields';
import { PeopleFields } from './people-fields';
import { createTouchedResolver } from './resolver';
import type { SaveOutcome } from './save-state';
import { usePositionDraft } from './use-position-draft';
import { usePositionSave, type PositionSave } from './use-position-save';
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

export interface PositionFormProps {
  /** Whose position it is. */
  owner: OwnerId;
  /** The position as Graph last returned it; absent for a new one. */
  position?: Position;
  /** After Graph confirmed: the saved (or added) position. */
  onSaved: (saved: Position) => void;
  /** Where unsaved input of a position (undefined: a new one) is kept between visits. */
  draftKeyFor?: (positionId: string | undefined) => string;
  /** More buttons beside Save. */
  extraActions?: ReactNode;
}

function statusText(outcome: SaveOutcome | null, isNew: boolean): string {
  switch (outcome) {
    case 'saved':
      return 'All changes saved.';
    case 'added':
      return 'Position added.';
    case 'unchanged':
      return 'No changes to save.';
    case 'failed':
      return isNew
        ? 'The position was not added. Your input is still here.'
        : 'Your changes were not saved. They are still here.';
    case 'conflict':
      return 'Someone else changed this position. Choose which version to keep.';
    case 'deleted':
      return 'Someone else deleted this position.';
    case 'discarded':
      return 'Changes discarded.';
    case null:
      return '';
  }
}

/**
 * The one form for a position, new or existing. It renders; usePositionSave saves
 * (validation first, exactly what changed, conflicts merged), usePositionDraft keeps what
 * is typed, useLeaveGuard asks before unsaved changes are left behind.
 */
export function PositionForm({
  owner,
  position,
  onSaved,
  draftKeyFor,
  extraActions,
}: PositionFormProps) {
  const styles = useStyles();
  // Validation judges what the user changed from the version being edited (the save's
  // clean values, known once the save exists); a new position is judged whole.
  const [validation] = useState(createTouchedResolver);
  const form = useForm<PositionFormValues>({
    defaultValues: toFormValues(position),
    resolver: validation.resolver,
    mode: 'onTouched',
  });
  const save = usePositionSave({ owner, position, form, draftKeyFor, onSaved });
  const { isNew, getClean } = save;
  useEffect(
    () => validation.judgeAgainst(isNew ? undefined : getClean),
    [validation, isNew, getClean],
  );
  const draft = usePositionDraft(form, draftKeyFor?.(position?.id), save.getClean);
  const leave = useLeaveGuard(save.hasUnsavedChanges);
  const { busy } = save;
  const { errors, isSubmitted, isSubmitSuccessful } = useFormState({ control: form.control });
  const errorCount = Object.keys(errors).length;
  // Graph refused to change someone else's profile (403, e.g. ErrorAccessDeniedForRole): the
  // form turns read-only, with what was typed still in it (and in its draft).
  const readOnly =
    owner !== 'me' && !busy && save.error instanceof GraphError && save.error.status === 403;
  useEffect(() => {
    if (readOnly) noteChangingOthersRefused();
  }, [readOnly]);

  return (
    <FormProvider {...form}>
      <form
        className={styles.form}
        onSubmit={(event) => void save.submit(event)}
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
              <Button appearance="primary" onClick={draft.restore}>
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
        {isSubmitted && errorCount > 0 && !isSubmitSuccessful && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Check the highlighted fields</MessageBarTitle>
              Nothing was sent. Fix the fields marked below, then{' '}
              {isNew ? 'add the position' : 'save'} again.
            </MessageBarBody>
          </MessageBar>
        )}
        {save.deletedMeanwhile && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Someone else deleted this position</MessageBarTitle>
              Your changes were not saved and are still in the form below, so you can copy what you
              need, or add it again as a new position.
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="primary" onClick={() => void save.recreate()} disabled={busy}>
                Add it as a new position
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {save.conflict && (
          <ConflictPanel
            conflicts={save.conflict.conflicts}
            server={save.conflict.server}
            onResolve={(choices) => void save.resolveConflict(choices)}
            busy={busy}
          />
        )}
        {save.error !== null && !busy && (
          <GraphErrorMessage
            error={save.error}
            action={isNew ? 'Adding the position' : 'Saving your changes'}
          />
        )}
        {readOnly && (
          <MessageBar intent="info" layout="multiline" role="status">
            <MessageBarBody>
              You can't change this profile, so the form is read-only now. What you typed is still
              below, so you can copy it or pass it on to someone who can.
            </MessageBarBody>
          </MessageBar>
        )}
        <SaveProgress save={save} />
        {/* While a new position is being added its fields wait, so what is sent is what it holds. */}
        <fieldset className={styles.fields} disabled={(isNew && busy) || readOnly}>
          <legend className={styles.hidden}>{isNew ? 'New position' : 'Position'}</legend>
          <JobFields />
          <DatesFields />
          <VisibilityField />
          <CategoriesField />
          <PeopleFields owner={owner} />
          <AboutFields />
          <AddressFields />
          <MoreDetailsFields />
        </fieldset>
        <ActionBar
          save={save}
          extraActions={readOnly ? undefined : extraActions}
          readOnly={readOnly}
        />
      </form>
      {leave.status === 'blocked' && (
        <UnsavedChangesDialog
          onStay={() => leave.reset()}
          onLeave={() => {
            save.forgetDraft();
            leave.proceed();
          }}
        />
      )}
    </FormProvider>
  );
}

/** Says when a save waits for the network or is being tried again. */
function SaveProgress({ save }: { save: PositionSave }) {
  if (!save.progress) return null;
  if (save.progress.paused)
    return (
      <MessageBar intent="warning" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>You're offline</MessageBarTitle>
          Your {save.isNew ? 'new position' : 'changes'} will be sent as soon as the network is
          back. Nothing you typed is lost.
        </MessageBarBody>
      </MessageBar>
    );
  if (save.progress.attempt === 1) return null;
  return (
    <MessageBar intent="warning" layout="multiline" role="status">
      <MessageBarBody>
        Microsoft Graph is busy; trying again (attempt {save.progress.attempt} of {MAX_ATTEMPTS})…
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Save, Discard and the status line. It follows every key press (whether the form holds a
 * change), so it is its own component: the rest of the form does not re-render with it.
 */
function ActionBar({
  save,
  extraActions,
  readOnly,
}: {
  save: PositionSave;
  extraActions?: ReactNode;
  readOnly: boolean;
}) {
  const styles = useStyles();
  const values = useWatch<PositionFormValues>();
  const isDirty = changedFields(save.clean, values as PositionFormValues).length > 0;
  const { isNew, busy } = save;
  const label = busy
    ? isNew
      ? 'Adding…'
      : 'Saving…'
    : save.error !== null
      ? 'Try again'
      : isNew
        ? 'Add position'
        : 'Save';
  return (
    <div className={styles.actions}>
      <Button
        appearance="primary"
        type="submit"
        disabled={
          busy ||
          readOnly ||
          (!isNew && !isDirty) ||
          save.conflict !== null ||
          save.deletedMeanwhile
        }
        icon={busy ? <Spinner size="tiny" aria-hidden /> : undefined}
      >
        {label}
      </Button>
      {!isNew && isDirty && !busy && !readOnly && (
        <Button appearance="subtle" onClick={save.discard}>
          Discard changes
        </Button>
      )}
      {extraActions}
      <span className={styles.status} role="status" aria-live="polite">
        {busy ? '' : statusText(save.outcome, isNew)}
      </span>
    </div>
  );
}
