// "Export & reports": the case (or its claims, evidence, sources) as a file for a colleague, a
// spreadsheet or Zotero; and a publishable report on a chosen set of claims. Confidential sources
// stay pseudonymous unless the user explicitly includes them, and that choice is audited.
import './exchange.css';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type ExportFormat, type ExportResult, exportFormats } from '../../../electron/schema/exchange';
import { callApp, client } from '../client';
import { type PickerOption, RecordPicker } from '../components/record-picker';
import { ErrorMessage } from '../components/status-message';
import { useAppCapabilities } from '../files/app-capabilities';
import { downloadText } from '../files/downloads';
import { formatBytes } from '../files/read-file';
import { useRun } from '../hooks/use-run';
import { verdictLabels } from '../labels';
import { exportFormatLabels, plural } from './exchange-labels';
import { invalidateAudit } from './invalidate-audit';
import { ReportDialog } from './report-dialog';

export function ExportView() {
  return (
    <div className="exchange-view">
      <header className="exchange-head">
        <h1>Export &amp; reports</h1>
        <p className="muted">
          Hand the case over, take it into a spreadsheet or Zotero, or make a report to publish.
        </p>
      </header>
      <ExportPanel />
      <ClaimsReportPanel />
    </div>
  );
}

export function ExportPanel() {
  const queryClient = useQueryClient();
  const app = useAppCapabilities();
  const formatId = useId();
  const [format, setFormat] = useState<ExportFormat>('case-json');
  const [includeConfidential, setIncludeConfidential] = useState(false);
  const [withAttachments, setWithAttachments] = useState(false);
  const run = useRun<ExportResult | null>();
  const inApp = app.has('app.exportCase');

  const start = () =>
    run.start(async () => {
      if (inApp) {
        const saved = await callApp('app.exportCase', {
          format,
          includeConfidential,
          withAttachments: format === 'case-json' && withAttachments,
        });
        if (saved) await invalidateAudit(queryClient);
        return saved;
      }
      const result = await client.exchange.export({ format, includeConfidential });
      if (result.text !== null) downloadText(result.text, result.fileName, result.mediaType);
      await invalidateAudit(queryClient);
      return result;
    });

  return (
    <section className="panel" aria-labelledby="export-heading">
      <div className="panel-head">
        <h2 id="export-heading" className="panel-title">
          Export
        </h2>
      </div>
      <form
        className="record-form"
        aria-label="Export"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={formatId}>
            What to export
          </label>
          <select
            id={formatId}
            className="input"
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
          >
            {exportFormats.map((f) => (
              <option key={f} value={f}>
                {exportFormatLabels[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <label className="check">
            <input
              type="checkbox"
              checked={includeConfidential}
              onChange={(e) => setIncludeConfidential(e.target.checked)}
            />
            Include confidential identities
          </label>
          {includeConfidential ? (
            <p className="confidential-banner" role="alert">
              <strong>The real identities of confidential sources will be in the file</strong> — their titles,
              authors, addresses, publishers and notes. Anyone who gets the file can read them. This choice is
              recorded in the audit trail.
            </p>
          ) : (
            <p className="field-hint">
              Off: each confidential source appears under a stable pseudonym, without its title, author,
              address, publisher or notes.
            </p>
          )}
        </div>
        {inApp && format === 'case-json' && (
          <label className="check">
            <input
              type="checkbox"
              checked={withAttachments}
              onChange={(e) => setWithAttachments(e.target.checked)}
            />
            Copy the attachments’ files into a folder beside it
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={run.status === 'running'}>
            {run.status === 'running' ? 'Exporting…' : inApp ? 'Export…' : 'Download'}
          </button>
        </div>
      </form>
      {run.error && <ErrorMessage error={run.error} />}
      {run.status === 'done' && <ExportDone result={run.value ?? null} />}
    </section>
  );
}

function ExportDone({ result }: { result: ExportResult | null }) {
  if (!result) {
    return (
      <p className="muted" role="status">
        Cancelled: nothing was written.
      </p>
    );
  }
  const counts = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n.toLocaleString()} ${what}`)
    .join(', ');
  return (
    <div className="exchange-done" role="status">
      <p>
        <strong>Exported “{result.fileName}”</strong> ({formatBytes(result.bytes)})
        {counts ? `: ${counts}` : ''}.{result.path ? ` Saved to ${result.path}.` : ''}
      </p>
      <p className="muted">
        {result.redactedSources > 0
          ? `${plural(result.redactedSources, 'confidential source is', 'confidential sources are')} under a pseudonym. `
          : ''}
        {result.attachments
          ? `${plural(result.attachments.files, 'attachment file', 'attachment files')} copied. `
          : ''}
        Fingerprint (sha256) <span className="mono">{result.sha256}</span>; recorded as audit event #
        {result.exportEvent.seq}.
      </p>
    </div>
  );
}

async function searchClaims(query: string): Promise<PickerOption[]> {
  const page = await client.claims.list({
    ...(query ? { query } : { sort: { field: 'updated', direction: 'desc' } }),
    limit: 20,
  });
  return page.items.map((c) => ({ id: c.id, title: c.statement, meta: verdictLabels[c.verdict] }));
}

/** A report on claims chosen one by one, across deals. */
export function ClaimsReportPanel() {
  const [chosen, setChosen] = useState<PickerOption[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const [reporting, setReporting] = useState(false);
  return (
    <section className="panel" aria-labelledby="claims-report-heading">
      <div className="panel-head">
        <h2 id="claims-report-heading" className="panel-title">
          Report on chosen claims
        </h2>
      </div>
      <p className="muted">
        A report on one deal is on the deal’s own page. Here, choose any claims to report on.
      </p>
      <RecordPicker
        key={pickerKey}
        label="Add a claim"
        queryKey="claims.list"
        search={searchClaims}
        value={null}
        valueTitle={null}
        placeholder="Type a word of the claim"
        onChange={(option) => {
          if (option && !chosen.some((c) => c.id === option.id)) setChosen([...chosen, option]);
          setPickerKey((k) => k + 1);
        }}
      />
      {chosen.length > 0 && (
        <ul className="chosen-claims" aria-label="Chosen claims">
          {chosen.map((c) => (
            <li key={c.id}>
              <span>{c.title}</span>
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`Take “${c.title}” out of the report`}
                onClick={() => setChosen(chosen.filter((x) => x.id !== c.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={chosen.length === 0}
          onClick={() => setReporting(true)}
        >
          {chosen.length === 0
            ? 'Report on the chosen claims…'
            : `Report on ${plural(chosen.length, 'claim', 'claims')}…`}
        </button>
      </div>
      <ReportDialog
        open={reporting}
        onOpenChange={setReporting}
        selection={{ claimIds: chosen.map((c) => c.id) }}
        about={plural(chosen.length, 'claim', 'claims')}
      />
    </section>
  );
}
