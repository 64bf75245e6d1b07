// What every record form does with valid values: send them, forget the draft, refresh what the
// case shows, hand the saved record on; or, when the case refuses, put each message beside its
// field and the rest above the buttons. The typed values are never touched by a refusal.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { dropDraft } from './drafts';
import { applyServerError } from './server-errors';

export interface SaveFormOptions<T extends FieldValues, P, R> {
  save(values: P): Promise<R>;
  onSaved(saved: R): void;
  setError: UseFormSetError<T>;
  /** The fields a refusal may name; others are reported for the whole form. */
  fieldNames: readonly string[];
  /** How a field outside the form is called in the form-wide message. */
  fieldLabels?: Record<string, string>;
  /** The draft to forget once saved; absent for a form that keeps none. */
  draftKey?: string;
}

export function useSaveForm<T extends FieldValues, P, R>({
  save,
  onSaved,
  setError,
  fieldNames,
  fieldLabels,
  draftKey,
}: SaveFormOptions<T, P, R>): { formError: string | null; saveValues(values: P): Promise<void> } {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const saveValues = async (values: P) => {
    setFormError(null);
    try {
      const saved = await save(values);
      if (draftKey !== undefined) dropDraft(draftKey);
      await queryClient.invalidateQueries();
      onSaved(saved);
    } catch (error) {
      setFormError(applyServerError(error, setError, fieldNames, fieldLabels));
    }
  };
  return { formError, saveValues };
}
