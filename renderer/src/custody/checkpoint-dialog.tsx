// "Checkpoint": the audit head now (case, seq, head hash, time, counts) as a short text, shown large
// enough to photograph, to save as a text file, or to print, and keep apart from the case. Later,
// "Verify case integrity" with it proves the history up to here was not rewritten or rolled back.
import { useEffect, useRef } from 'react';
import type { CheckpointRecord } from '../../../electron/schema/custody';
import { fileSlug } from '../../../electron/schema/file-slug';
import { client } from '../client';
import { Modal } from '../components/modal';
import { ErrorMessage } from '../components/status-message';
import { downloadText } from '../files/downloads';
import { useRun } from '../hooks/use-run';
import { printText } from './print-text';

export function checkpointFileName(c: Pick<CheckpointRecord, 'caseName' | 'seq'>): string {
  return `${fileSlug(c.caseName)}.checkpoint-${c.seq}.txt`;
}

export function CheckpointDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Checkpoint of the audit trail"
      description="Keep this apart from the case file — printed, photographed or mailed to yourself. Verifying the case against it later shows whether its history was changed or rolled back."
      className="dialog-checkpoint"
    >
      {open && <CheckpointBody close={() => onOpenChange(false)} />}
    </Modal>
  );
}

function CheckpointBody({ close }: { close(): void }) {
  const run = useRun<CheckpointRecord>();
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void run.start(() => client.audit.checkpoint());
  }, [run.start]);
  const checkpoint = run.value;
  return (
    <>
      {run.status === 'running' && (
        <p className="status-line" role="status">
          Reading the audit head…
        </p>
      )}
      {run.error && <ErrorMessage error={run.error} />}
      {checkpoint && <pre className="checkpoint-text">{checkpoint.text}</pre>}
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          disabled={!checkpoint}
          onClick={() =>
            checkpoint && downloadText(checkpoint.text, checkpointFileName(checkpoint), 'text/plain')
          }
        >
          Save as text file
        </button>
        <button
          type="button"
          className="button"
          disabled={!checkpoint}
          onClick={() => checkpoint && printText('Checkpoint', checkpoint.text)}
        >
          Print
        </button>
        <button type="button" className="button button-primary" onClick={close}>
          Close
        </button>
      </div>
    </>
  );
}
