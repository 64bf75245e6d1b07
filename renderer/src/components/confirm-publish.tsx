// Publishing with care: when the case answers that a claim is flagged (overconfident, fragile,
// contested, single-source), the person confirms with a reason before it is marked Verified or
// exported; the case writes that reason and the flags into the audit event.
import { useId, useRef, useState } from 'react';
import { Modal } from './modal';

interface Pending {
  message: string;
  resolve(reason: string | null): void;
}

export function useConfirmPublish(action: string) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const settled = useRef(false);

  const ask = (message: string) =>
    new Promise<string | null>((resolve) => {
      settled.current = false;
      setReason('');
      setPending({ message, resolve });
    });

  const finish = (value: string | null) => {
    if (!pending || settled.current) return;
    settled.current = true;
    pending.resolve(value);
    setPending(null);
  };

  const dialog = (
    <Modal
      open={pending !== null}
      onOpenChange={(open) => {
        if (!open) finish(null);
      }}
      title={`${action}?`}
      description={pending?.message}
    >
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          event.stopPropagation();
          if (reason.trim()) finish(reason.trim());
        }}
      >
        <label className="field-label" htmlFor={reasonId}>
          Reason (kept in the audit trail)
        </label>
        <input
          id={reasonId}
          className="input"
          value={reason}
          required
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={reason.trim() === ''}>
            {action}
          </button>
        </div>
      </form>
    </Modal>
  );
  return { ask, dialog };
}
