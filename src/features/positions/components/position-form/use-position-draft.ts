import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { onBeforeInteractiveRedirect } from '../../../../auth/tokens';
import { changedFields, fieldValue, POSITION_FIELDS } from '../../utils/position-fields';
import { applyDraft, loadDraft, removeDraft, saveDraft, type Draft } from '../../utils/drafts';
import type { PositionFormValues } from '../../utils/form-mapping';

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

/**
 * Keeps the form's unsaved input in local storage while the user types (and at once when
 * the page hides or leaves to sign in), and offers it back when the form opens again.
 */
export function usePositionDraft(
  form: UseFormReturn<PositionFormValues>,
  key: string | undefined,
  clean: MutableRefObject<PositionFormValues>,
) {
  const [offer, setOffer] = useState<Draft | null>(null);
  const [restoredAfterSignIn, setRestoredAfterSignIn] = useState<
    false | Exclude<Draft['reason'], 'typing'>
  >(false);
  const offerRef = useRef<Draft | null>(null);
  offerRef.current = offer;

  const restore = useCallback(
    (draft: Draft) => {
      applyValues(form, clean.current, applyDraft(draft, clean.current));
      setOffer(null);
    },
    [form, clean],
  );

  const discardOffer = useCallback(() => {
    if (key) removeDraft(localStorage, key);
    setOffer(null);
  }, [key]);

  const forget = useCallback(() => {
    if (key) removeDraft(localStorage, key);
  }, [key]);

  // On opening: offer back what was left unsaved (or put it back at once after a sign-in).
  useEffect(() => {
    if (!key) return;
    const draft = loadDraft(localStorage, key);
    if (!draft) return;
    if (changedFields(clean.current, applyDraft(draft, clean.current)).length === 0) {
      removeDraft(localStorage, key);
      return;
    }
    if (draft.reason !== 'typing') {
      restore(draft);
      setRestoredAfterSignIn(draft.reason);
    } else {
      setOffer(draft);
    }
  }, [key, clean, restore]);

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
      if (changedFields(clean.current, values).length > 0) {
        saveDraft(localStorage, key, {
          values,
          baseValues: clean.current,
          savedAt: new Date().toISOString(),
          reason,
        });
      } else if (!offerRef.current) {
        removeDraft(localStorage, key);
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
  }, [key, form, clean]);

  return {
    offer,
    restore,
    discardOffer,
    forget,
    restoredAfterSignIn,
    dismissRestored: () => setRestoredAfterSignIn(false),
  };
}
