// Removing is never silent: the user confirms, may say why, and is told that nothing is erased.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ApiCallError } from '../client';
import { Modal } from './modal';
import { useUndo } from './undo-toast';

export interface ConfirmRemoveProps {
  /** What is removed, in words: "claim", "evidence", "source". */
  noun: string;
  /** How the record is known to the user (its statement, title, excerpt). */
  name: string;
  /** Accessible name of the button that opens the confirmation. */
  triggerLabel: string;
  triggerText?: string;
  onConfirm(reason: string | null): Promise<unknown>;
  onRemoved?(): void;
}

export function ConfirmRemove({
  noun,
  name,
  triggerLabel,
  triggerText = 'Remove',
  onConfirm,
  onRemoved,
}: ConfirmRemoveProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const queryClient = useQueryClient();
  const undo = useUndo();

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim() === '' ? null : reason.trim());
      setOpen(false);
      setReason('');
      onRemoved?.();
      undo?.removed(noun, name);
      // Lists, verdicts, counts and audit trails all change with a removal.
      await queryClient.invalidateQueries();
    } catch (e) {
      setError((e as ApiCallError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-quiet button-danger"
        aria-label={triggerLabel}
        onClick={() => setOpen(true)}
      >
        {triggerText}
      </button>
      <Modal
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setError(null);
        }}
        title={`Remove this ${noun}?`}
        description={
          <>
            <span className="dialog-quote">“{truncate(name, 160)}”</span> will no longer appear in lists,
            verdicts or reports. Nothing is erased: the {noun} and its removal are kept in the case’s audit
            trail.
          </>
        }
      >
        <form
          className="dialog-form"
          onSubmit={(event) => {
            event.preventDefault();
            event.stopPropagation();
            void confirm();
          }}
        >
          <label className="field-label" htmlFor={reasonId}>
            Reason (optional)
          </label>
          <input
            id={reasonId}
            className="input"
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="button button-danger-solid" disabled={busy}>
              {busy ? 'Removing…' : `Remove ${noun}`}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
