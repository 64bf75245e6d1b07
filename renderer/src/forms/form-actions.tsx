// The foot of every record form: the case's refusal (if any), the submit button and a Cancel that
// also forgets the draft, so cancelling means the typed work is meant to go.
import type { ReactNode } from 'react';
import { dropDraft } from './drafts';
import { FormError } from './field';

export interface FormActionsProps {
  error: string | null;
  submitLabel: string;
  submitting: boolean;
  onCancel(): void;
  /** The draft that Cancel throws away; absent for a form that keeps none. */
  draftKey?: string;
  /** Further buttons, placed before the submit button. */
  children?: ReactNode;
}

export function FormActions({
  error,
  submitLabel,
  submitting,
  onCancel,
  draftKey,
  children,
}: FormActionsProps) {
  return (
    <>
      <FormError message={error} />
      <div className="form-actions">
        {children}
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitLabel}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (draftKey !== undefined) dropDraft(draftKey);
            onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </>
  );
}
