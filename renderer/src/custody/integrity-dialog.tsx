// "Verify case integrity": the one integrity run (database structure, links between records, the
// audit chain, an earlier checkpoint if one is given, records against their history, stored
// verdicts, the search index, every attachment's bytes), with a progress bar and a Cancel button
// while it runs and a plain-words report at the end (PASSED, FAILED or CANCELLED, then each step)
// that can be saved or printed.
import { useCallback, useId, useState } from 'react';
import type { IntegrityProgress, IntegrityReport } from '../../../electron/schema/custody';
import { fileSlug } from '../../../electron/schema/file-slug';
import { client } from '../client';
import { Modal } from '../components/modal';
import { ErrorMessage } from '../components/status-message';
import { downloadText } from '../files/downloads';
import { readAsText } from '../files/read-file';
import { usePolling } from '../hooks/use-polling';
import { useRun } from '../hooks/use-run';
import { printText } from './print-text';

export function IntegrityDialog({
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
      title="Verify case integrity"
      description="Checks the database, the links between records, every event of the audit trail, an earlier checkpoint if you have one, every record against its history, the stored verdicts, the search index and the bytes of every attachment."
      className="dialog-integrity"
    >
      {open && <IntegrityBody close={() => onOpenChange(false)} />}
    </Modal>
  );
}

export function reportFileName(report: Pick<IntegrityReport, 'caseName' | 'finishedAt'>): string {
  return `${fileSlug(report.caseName)}.integrity-${report.finishedAt.slice(0, 10)}.txt`;
}

function IntegrityBody({ close }: { close(): void }) {
  const pasteId = useId();
  const fileId = useId();
  const [checkpointText, setCheckpointText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const run = useRun<IntegrityReport>();
  const running = run.status === 'running';
  const poll = useCallback(() => client.case.integrityProgress(), []);
  const progress = usePolling<IntegrityProgress>(running, poll);

  const verify = () =>
    run.start(() =>
      client.case.verifyIntegrity(checkpointText.trim() ? { checkpointText: checkpointText.trim() } : {}),
    );

  const report = run.value;
  return (
    <div className="integrity-body">
      <form
        className="dialog-form"
        aria-label="Integrity check"
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <fieldset className="field checkpoint-input" disabled={running}>
          <legend className="field-label">Earlier checkpoint (optional)</legend>
          <label className="field-hint" htmlFor={fileId}>
            Checkpoint file
          </label>
          <input
            id={fileId}
            type="file"
            accept=".txt,text/plain"
            className="input file-input"
            aria-invalid={fileError ? true : undefined}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setFileError(null);
              if (!file) return;
              if (file.size > 100_000) {
                setFileError(`“${file.name}” is too large to be a checkpoint.`);
                return;
              }
              try {
                setCheckpointText(await readAsText(file));
              } catch (err) {
                setFileError(`“${file.name}” could not be read: ${(err as Error).message}`);
              }
            }}
          />
          {fileError && <p className="field-error">{fileError}</p>}
          <label className="field-hint" htmlFor={pasteId}>
            or paste its text
          </label>
          <textarea
            id={pasteId}
            className="input textarea mono"
            rows={4}
            maxLength={100_000}
            value={checkpointText}
            onChange={(e) => setCheckpointText(e.target.value)}
          />
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button type="submit" className="button button-primary" disabled={running}>
            {running ? 'Verifying…' : report ? 'Verify again' : 'Verify'}
          </button>
        </div>
      </form>

      {running && (
        <div className="integrity-progress">
          {progress ? (
            <progress aria-label="Integrity check progress" max={1} value={progress.fraction} />
          ) : (
            <progress aria-label="Integrity check progress" />
          )}
          <p className="muted" aria-live="polite">
            {progress?.message ?? 'Starting…'}
          </p>
          <button
            type="button"
            className="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              void client.case.cancelIntegrity({}).finally(() => setCancelling(false));
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel check'}
          </button>
        </div>
      )}
      {run.error && <ErrorMessage error={run.error} />}
      {report && <IntegrityResult report={report} />}
    </div>
  );
}

export function IntegrityResult({ report }: { report: IntegrityReport }) {
  return (
    <section className="integrity-result" aria-label="Integrity report">
      <div className={`integrity-banner ${report.ok ? 'is-passed' : 'is-failed'}`} role="status">
        <span className="integrity-word">
          {report.cancelled ? 'CANCELLED' : report.ok ? 'PASSED' : 'FAILED'}
        </span>
        <span>
          {report.cancelled
            ? `The check of “${report.fileName}” was stopped before it finished: nothing is proven about the steps not run.`
            : report.ok
              ? `“${report.fileName}” is intact: every check passed, up to audit event #${report.auditHead.seq}.`
              : `“${report.fileName}” did not pass: see the problems below.`}
        </span>
      </div>
      <ol className="integrity-steps">
        {report.steps.map((step) => (
          <li key={step.step} className={step.ok ? 'step-ok' : 'step-bad'}>
            <span className="step-head">
              <span className="step-mark">{step.skipped ? 'Skipped' : step.ok ? 'Passed' : 'Failed'}</span>{' '}
              <strong>{step.label}</strong>
            </span>
            <span className="step-summary">{step.summary}</span>
            {step.problems.length > 0 && (
              <ul className="step-problems">
                {step.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => downloadText(report.text, reportFileName(report), 'text/plain')}
        >
          Save report
        </button>
        <button type="button" className="button" onClick={() => printText('Integrity report', report.text)}>
          Print report
        </button>
      </div>
    </section>
  );
}
