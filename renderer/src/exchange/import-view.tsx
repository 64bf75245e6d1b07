// "Import…": choose what kind of file, choose the file, read the preview row by row (what would be
// created, updated, skipped, rejected and why), settle conflicts, and only then import — all of it
// or nothing, in one step, with every record audited.
import './exchange.css';
import { type ChangeEvent, useId, useState } from 'react';
import {
  type ImportKind,
  type ImportPlan,
  importKinds,
  MAX_IMPORT_CHARS,
} from '../../../electron/schema/exchange';
import { Modal } from '../components/modal';
import { ErrorMessage } from '../components/status-message';
import { readAsBase64 } from '../files/read-file';
import { type SectionId, useNavigation } from '../navigation';
import { ColumnMapping } from './column-mapping';
import { ConflictChoices } from './conflict-choices';
import { importKindLabels, kindFromFileName, phaseLabels, plural } from './exchange-labels';
import { PlanSummary } from './plan-summary';
import { PlanTable } from './plan-table';
import { conflictIds, type ImportRequest, type ImportState, useImport } from './use-import';

/** The files the picker offers: every kind's, since the kind is also guessed from the file name. */
const ACCEPT = '.bib,.bibtex,.ris,.json,.jsonld,.csv,.tsv,.txt';

/** Where the imported records are listed afterwards. */
const listOf: Record<ImportKind, SectionId> = {
  'case-json': 'claims',
  'csl-json': 'sources',
  bibtex: 'sources',
  ris: 'sources',
  'csv-sources': 'sources',
  'csv-claims': 'claims',
  claimreview: 'claims',
};

export function ImportView() {
  const state = useImport();
  const [kind, setKind] = useState<ImportKind>('bibtex');
  const [kindChosen, setKindChosen] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const kindId = useId();
  const fileId = useId();
  const busy = state.running !== null;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    setFileError(null);
    if (!file) return;
    // Choosing the same file again (after fixing it) must preview it again.
    input.value = '';
    if (file.size > MAX_IMPORT_CHARS) {
      setFileError(`“${file.name}” is larger than 64 MB: split it, or import it from the command line.`);
      return;
    }
    const guessed = kindChosen ? null : kindFromFileName(file.name);
    const useKind = guessed ?? kind;
    if (guessed) setKind(guessed);
    let bytesBase64: string;
    try {
      bytesBase64 = await readAsBase64(file);
    } catch (e) {
      setFileError(`“${file.name}” could not be read: ${(e as Error).message}`);
      return;
    }
    await state.preview({ kind: useKind, fileName: file.name, bytesBase64 });
  };

  const onKind = (next: ImportKind) => {
    setKind(next);
    setKindChosen(true);
    // Same file, read another way: the column mapping of the old kind no longer applies.
    if (state.request) void state.preview({ ...state.request, kind: next, columns: undefined });
  };

  return (
    <div className="exchange-view">
      <header className="exchange-head">
        <h1>Import</h1>
        <p className="muted">
          Sources from Zotero and other reference managers, spreadsheets of sources or claims, or a
          colleague’s case. You see exactly what would change before anything does.
        </p>
      </header>

      <form
        className="record-form exchange-form"
        aria-label="Import a file"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="form-row">
          <div className="field grow">
            <label className="field-label" htmlFor={kindId}>
              Kind of file
            </label>
            <select
              id={kindId}
              className="input"
              value={kind}
              disabled={busy}
              onChange={(e) => onKind(e.target.value as ImportKind)}
            >
              {importKinds.map((k) => (
                <option key={k} value={k}>
                  {importKindLabels[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="field grow">
            <label className="field-label" htmlFor={fileId}>
              File to import
            </label>
            <input
              id={fileId}
              type="file"
              className="input file-input"
              accept={ACCEPT}
              disabled={busy}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${fileId}-error` : undefined}
              onChange={(e) => void onFile(e)}
            />
            {fileError && (
              <p className="field-error" id={`${fileId}-error`}>
                {fileError}
              </p>
            )}
          </div>
        </div>
        <p className="field-hint">Nothing is imported until you have seen the preview and chosen “Import”.</p>
      </form>

      <ImportProgress state={state} />
      {state.notice && (
        <p className="exchange-notice" role="alert">
          {state.notice}
        </p>
      )}
      {state.error && <ErrorMessage error={state.error} />}
      {state.result && <ImportDone state={state} />}
      {state.plan && state.request && <Preview state={state} plan={state.plan} request={state.request} />}
    </div>
  );
}

function ImportProgress({ state }: { state: ImportState }) {
  if (!state.running) return null;
  const p = state.progress;
  const label = state.running === 'preview' ? 'Preview progress' : 'Import progress';
  const words = p ? phaseLabels[p.phase] : state.running === 'preview' ? 'Reading the file' : 'Importing';
  return (
    <div className="exchange-progress">
      {p && p.total > 0 ? (
        <progress aria-label={label} max={p.total} value={p.done} />
      ) : (
        <progress aria-label={label} />
      )}
      <p className="muted" aria-live="polite">
        {words}
        {p && p.total > 0 ? `: ${p.done.toLocaleString()} of ${p.total.toLocaleString()}` : '…'}
      </p>
    </div>
  );
}

function Preview({ state, plan, request }: { state: ImportState; plan: ImportPlan; request: ImportRequest }) {
  const busy = state.running !== null;
  return (
    <section className="exchange-preview" aria-label="Preview">
      <div className="panel-head">
        <h2 className="exchange-subtitle">
          Preview of “{request.fileName}” <span className="muted">({importKindLabels[plan.kind]})</span>
        </h2>
        <button type="button" className="button" disabled={busy} onClick={() => void state.preview(request)}>
          Preview again
        </button>
      </div>
      <PlanSummary plan={plan} />
      {plan.columns && (
        <ColumnMapping
          kind={plan.kind}
          columns={plan.columns}
          disabled={busy}
          onChange={(columns) => void state.preview({ ...request, columns })}
        />
      )}
      <ConflictChoices
        rows={plan.rows}
        resolutions={state.resolutions}
        disabled={busy}
        onChoose={state.choose}
        onChooseAll={state.chooseAll}
      />
      {plan.rows.length > 0 && <PlanTable rows={plan.rows} resolutions={state.resolutions} />}
      {!plan.fatal && <ApplyBar state={state} plan={plan} />}
    </section>
  );
}

function ApplyBar({ state, plan }: { state: ImportState; plan: ImportPlan }) {
  const [confirming, setConfirming] = useState(false);
  const { create, update, conflict, rejected } = plan.totals;
  const open = conflictIds(plan).filter((id) => !state.resolutions[id]).length;
  const changes = create + update + conflict;
  const busy = state.running !== null;
  const rejectedRows = plan.rows.filter((r) => r.action === 'rejected');

  if (changes === 0) {
    return (
      <p className="exchange-notice" role="status">
        Nothing to import:{' '}
        {rejected > 0
          ? 'every row is already in the case or rejected.'
          : 'everything in this file is already in the case.'}
      </p>
    );
  }
  const start = () => {
    if (rejected > 0) setConfirming(true);
    else void state.apply();
  };
  return (
    <div className="apply-bar">
      <button
        type="button"
        className="button button-primary"
        disabled={busy || open > 0}
        onClick={start}
        aria-describedby={open > 0 ? 'apply-blocked' : undefined}
      >
        {state.running === 'import' ? 'Importing…' : 'Import'}
      </button>
      <span className="muted">
        {plural(create, 'new record', 'new records')}, {plural(update, 'update', 'updates')}
        {conflict > 0 ? `, ${plural(conflict, 'conflict', 'conflicts')} as you choose` : ''}
        {rejected > 0 ? `; ${plural(rejected, 'rejected row', 'rejected rows')} left out` : ''}.
      </span>
      {open > 0 && (
        <span id="apply-blocked" className="conflict-open">
          Choose a version for {plural(open, 'conflict', 'conflicts')} first.
        </span>
      )}
      <Modal
        open={confirming}
        onOpenChange={setConfirming}
        title={`Leave out ${plural(rejected, 'rejected row', 'rejected rows')}?`}
        description={`${rejected === 1 ? 'This row' : 'These rows'} cannot be imported. The other records are imported in one step; the file itself is not changed, so you can fix it and import it again later (what is already in the case is then skipped).`}
      >
        <ul className="rejected-list">
          {rejectedRows.slice(0, 20).map((r) => (
            <li key={`${r.row}-${r.ref}`}>
              Row {r.row}
              {r.line !== null ? ` (line ${r.line})` : ''}, {r.ref}: {r.reason ?? 'rejected'}
            </li>
          ))}
          {rejectedRows.length > 20 && <li>…and {(rejectedRows.length - 20).toLocaleString()} more.</li>}
        </ul>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setConfirming(false);
              void state.apply();
            }}
          >
            Import without {rejected === 1 ? 'it' : 'them'}
          </button>
        </div>
      </Modal>
    </div>
  );
}

function ImportDone({ state }: { state: ImportState }) {
  const nav = useNavigation();
  const done = state.result;
  if (!done) return null;
  const { value, request } = done;
  const list = listOf[request.kind];
  const parts = [
    plural(value.created, 'record created', 'records created'),
    plural(value.updated, 'record updated', 'records updated'),
    `${plural(value.skipped, 'row', 'rows')} already in the case`,
  ];
  if (value.rejected > 0) parts.push(`${plural(value.rejected, 'rejected row', 'rejected rows')} left out`);
  const choices = value.resolved.ours + value.resolved.theirs;
  if (choices > 0)
    parts.push(`conflicts settled: ${value.resolved.ours} kept yours, ${value.resolved.theirs} took theirs`);
  return (
    <section className="exchange-done" aria-label="Import finished">
      <p role="status">
        <strong>Imported “{request.fileName}”.</strong> {parts.join(', ')}. Recorded in the audit trail as
        event #{value.importEvent.seq}.
      </p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => nav.goTo(list)}>
          Show the {list === 'sources' ? 'sources' : 'claims'}
        </button>
        <button type="button" className="button" onClick={state.reset}>
          Import another file
        </button>
      </div>
    </section>
  );
}
