import { useCallback, useEffect, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { onBeforeInteractiveRedirect } from '../../../../auth/tokens';
import { draftStorage } from '../../utils/draft-keys';
import { applyDraft, loadDraft, removeDraft, saveDraft, type Draft } from '../../utils/drafts';
import type { PositionFormValues } from '../../utils/form-mapping';
import { changedFields, fieldValue, POSITION_FIELDS } from '../../utils/position-fields';

const WRITE_DELAY_MS = 300;

/** Lays `values` over the form where they are not exactly what `from` holds. */
export function applyValues(
  form: UseFormReturn<PositionFormValues>,
  from: PositionFormValues,
  values: PositionFormValues,
): void {
  for (const field of POSITION_FIELDS) {
    const value = fieldValue(values, field);
    if (JSON.stringify(value) === JSON.stringify(fieldValue(from, field))) continue;
    form.setValue(field.path, structuredClone(value) as never, {
      shouldDirty: true,
      shouldValidate: form.formState.isSubmitted,
    });
  }
}

/** What a form finds in storage when it opens: a draft to offer, or one to put back at once. */
function draftOnOpening(key: string | undefined, clean: PositionFormValues) {
  const draft = key ? loadDraft(draftStorage(key), key) : undefined;
  if (!draft || changedFields(clean, applyDraft(draft, clean)).length === 0)
    return { stale: draft !== undefined };
  if (draft.reason === 'typing') return { offer: draft };
  // After signing in again, or carried from a new position: put back without asking.
  return { restore: draft, restoredBecause: draft.reason };
}

/**
 * Keeps the form's unsaved input in local storage while the user types (and at once when
 * the page hides or leaves to sign in), and offers it back when the form opens again.
 * `getClean` gives the values that count as unchanged, at the moment it is asked.
 */
export function usePositionDraft(
  form: UseFormReturn<PositionFormValues>,
  key: string | undefined,
  getClean: () => PositionFormValues,
) {
  const [opening] = useState(() => draftOnOpening(key, getClean()));
  const [offer, setOffer] = useState<Draft | null>(opening.offer ?? null);
  const [restoredAfterSignIn, setRestoredAfterSignIn] = useState<
    false | Exclude<Draft['reason'], 'typing'>
  >(opening.restoredBecause ?? false);

  // On opening: put back what must be, or drop a draft that holds nothing new.
  useEffect(() => {
    if (opening.restore) {
      const clean = getClean();
      applyValues(form, clean, applyDraft(opening.restore, clean));
    } else if (opening.stale && key) {
      removeDraft(draftStorage(key), key);
    }
  }, [opening, form, getClean, key]);

  const restore = useCallback(() => {
    if (!offer) return;
    const clean = getClean();
    applyValues(form, clean, applyDraft(offer, clean));
    setOffer(null);
  }, [offer, form, getClean]);

  const discardOffer = useCallback(() => {
    if (key) removeDraft(draftStorage(key), key);
    setOffer(null);
  }, [key]);

  // While typing: keep the draft current.
  useEffect(() => {
    if (!key) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Once the page is leaving to sign in, every later write (the page hiding) keeps that reason.
    let leavingToSignIn = false;
    const write = (given: Draft['reason']) => {
      const reason = leavingToSignIn ? 'sign-in' : given;
      clearTimeout(timer);
      const values = form.getValues();
      const clean = getClean();
      if (changedFields(clean, values).length > 0) {
        saveDraft(draftStorage(key), key, {
          values,
          baseValues: clean,
          savedAt: new Date().toISOString(),
          reason,
        });
      } else if (!offer) {
        // Nothing unsaved (and no earlier draft waiting to be offered back): nothing to keep.
        removeDraft(draftStorage(key), key);
      }
    };
    const subscription = form.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(() => write('typing'), WRITE_DELAY_MS);
    });
    const onPageHide = () => write('typing');
    window.addEventListener('pagehide', onPageHide);
    const stopListening = onBeforeInteractiveRedirect(() => {
      leavingToSignIn = true;
      write('sign-in');
    });
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('pagehide', onPageHide);
      stopListening();
      clearTimeout(timer);
    };
  }, [key, form, getClean, offer]);

  return {
    offer,
    restore,
    discardOffer,
    restoredAfterSignIn,
    dismissRestored: () => setRestoredAfterSignIn(false),
  };
}
