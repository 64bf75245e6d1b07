// A publishable report, made on request and read inside the app: the self-contained HTML the case
// renders (exchange.report) in a frame that runs nothing, with Download (or, in the desktop app,
// Save as HTML / PDF through its dialog) and Print.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReportResult } from '../../../electron/schema/exchange';
import { callApp, client } from '../client';
import { Modal } from '../components/modal';
import { ErrorMessage } from '../components/status-message';
import { useAppCapabilities } from '../files/app-capabilities';
import { DocumentFrame, type DocumentFrameHandle } from '../files/document-frame';
import { downloadText } from '../files/downloads';
import { useRun } from '../hooks/use-run';
import { plural } from './exchange-labels';
import { invalidateAudit } from './invalidate-audit';

export type ReportSelection = { dealId: string } | { claimIds: string[] };

export interface ReportDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  selection: ReportSelection;
  /** What the report is about, for the dialog's title: "the deal “…”", "3 claims". */
  about: string;
}

export function ReportDialog({ open, onOpenChange, selection, about }: ReportDialogProps) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title={`Report on ${about}`} className="dialog-report">
      {open && <ReportBody selection={selection} close={() => onOpenChange(false)} />}
    </Modal>
  );
}

function ReportBody({ selection, close }: { selection: ReportSelection; close(): void }) {
  const queryClient = useQueryClient();
  const app = useAppCapabilities();
  const confidentialId = useId();
  const [includeConfidential, setIncludeConfidential] = useState(false);
  const run = useRun<ReportResult>();
  const frame = useRef<DocumentFrameHandle>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const key = JSON.stringify({ selection, includeConfidential });
  const started = useRef<string | null>(null);

  useEffect(() => {
    // Each report is an audited export: make it once per choice, not once per render.
    if (started.current === key) return;
    started.current = key;
    const input = JSON.parse(key) as { selection: ReportSelection; includeConfidential: boolean };
    void run
      .start(() =>
        client.exchange.report({ ...input.selection, includeConfidential: input.includeConfidential }),
      )
      .then((value) => value && invalidateAudit(queryClient));
  }, [key, run.start, queryClient]);

  const report = run.value;
  const saveInApp = async (format: 'html' | 'pdf') => {
    setSaved(null);
    setSaveError(null);
    try {
      const result = await callApp('app.saveReport', { ...selection, includeConfidential, format });
      if (result) {
        setSaved(`Saved as ${result.savedAs.toUpperCase()}: ${result.path}`);
        await invalidateAudit(queryClient);
      }
    } catch (e) {
      setSaveError(e as Error);
    }
  };

  return (
    <div className="report-body">
      <div className="report-toolbar">
        <label className="check" htmlFor={confidentialId}>
          <input
            id={confidentialId}
            type="checkbox"
            checked={includeConfidential}
            disabled={run.status === 'running'}
            onChange={(e) => setIncludeConfidential(e.target.checked)}
          />
          Include confidential identities
        </label>
        <div className="report-actions">
          {app.has('app.saveReport') ? (
            <>
              <button
                type="button"
                className="button"
                disabled={!report}
                onClick={() => void saveInApp('html')}
              >
                Save as HTML…
              </button>
              <button
                type="button"
                className="button"
                disabled={!report}
                onClick={() => void saveInApp('pdf')}
              >
                Save as PDF…
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button"
              disabled={!report}
              onClick={() => report && downloadText(report.html, report.fileName, 'text/html')}
            >
              Download HTML
            </button>
          )}
          <button type="button" className="button" disabled={!report} onClick={() => frame.current?.print()}>
            Print
          </button>
          <button type="button" className="button button-primary" onClick={close}>
            Close
          </button>
        </div>
      </div>
      {includeConfidential && (
        <p className="confidential-banner" role="note">
          <strong>Confidential sources are named in this report.</strong> Share it only with people who may
          know them. The choice is recorded in the audit trail.
        </p>
      )}
      {run.status === 'running' && (
        <p className="status-line" role="status">
          Building the report…
        </p>
      )}
      {run.error && <ErrorMessage error={run.error} />}
      {saveError && <ErrorMessage error={saveError} />}
      {saved && (
        <p className="verify-ok" role="status">
          {saved}
        </p>
      )}
      {report && (
        <>
          <p className="muted report-facts" role="status">
            {plural(report.claims, 'claim', 'claims')} · made from audit event #{report.checkpoint.seq}
            {report.redactedSources > 0
              ? ` · ${plural(report.redactedSources, 'confidential source', 'confidential sources')} under a pseudonym`
              : ''}
          </p>
          <DocumentFrame html={report.html} title="Report" handle={frame} />
        </>
      )}
    </div>
  );
}
