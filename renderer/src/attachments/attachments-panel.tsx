// A source's preserved files: what each is, its fingerprint, who added it and when; adding one
// (file dialog, file input or drop), checking it is still byte for byte what was received, and
// saving it back out.
import './attachments.css';
import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useId, useState } from 'react';
import { ATTACHMENT_INLINE_MAX, type Attachment } from '../../../electron/schema/attachments';
import { type ApiCallError, callApp, client } from '../client';
import { ErrorMessage, Loading } from '../components/status-message';
import { useAppCapabilities } from '../files/app-capabilities';
import { formatBytes, readAsBase64 } from '../files/read-file';
import { formatTime } from '../labels';
import { useApi } from '../queries';
import { saveAttachment } from './save-attachment';

export const SHORT_HASH = 12;

type RowState =
  | { kind: 'verifying' }
  | { kind: 'intact' }
  | { kind: 'problem'; message: string }
  | { kind: 'saving'; percent: number }
  | { kind: 'saved'; message: string }
  | { kind: 'error'; message: string };

export function AttachmentsPanel({ id: sourceId }: { id: string }) {
  const list = useApi('attachments.list', { sourceId });
  const source = useApi('sources.get', { id: sourceId });
  const removed = Boolean(source.data?.source.deletedAt);
  const count = list.data?.length ?? 0;
  return (
    <section className="panel" aria-labelledby="attachments-heading">
      <div className="panel-head">
        <h3 id="attachments-heading" className="panel-title">
          Attachments {list.data && <span className="count">{count}</span>}
        </h3>
      </div>
      {!removed && <AttachFile sourceId={sourceId} />}
      {list.isPending && <Loading what="attachments" />}
      {list.isError && <ErrorMessage error={list.error} retry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && (
        <p className="muted">No file is preserved for this source yet.</p>
      )}
      {list.data && list.data.length > 0 && <AttachmentsTable attachments={list.data} />}
    </section>
  );
}

function AttachFile({ sourceId }: { sourceId: string }) {
  const queryClient = useQueryClient();
  const app = useAppCapabilities();
  const inputId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const added = async (fileName: string, deduplicated: boolean) => {
    setMessage(
      deduplicated
        ? `“${fileName}” is already in the case; linked again.`
        : `“${fileName}” attached. Its fingerprint is recorded.`,
    );
    await queryClient.invalidateQueries();
  };

  const addFiles = async (files: readonly File[]) => {
    setError(null);
    setMessage(null);
    for (const file of files) {
      if (file.size > ATTACHMENT_INLINE_MAX) {
        setError(
          `“${file.name}” is ${formatBytes(file.size)}: files over ${formatBytes(ATTACHMENT_INLINE_MAX)} are added with the desktop app’s “Attach file…” dialog.`,
        );
        return;
      }
      setBusy(`Adding “${file.name}”…`);
      try {
        const bytesBase64 = await readAsBase64(file);
        const answer = await client.attachments.add({
          sourceId,
          fileName: file.name,
          mediaType: file.type,
          bytesBase64,
        });
        await added(answer.attachment.fileName, answer.deduplicated);
      } catch (e) {
        const err = e as ApiCallError;
        const field = err.fields ? Object.entries(err.fields)[0] : undefined;
        setError(field ? `“${file.name}”: ${fieldWords[field[0]] ?? field[0]} ${field[1]}` : err.message);
        return;
      } finally {
        setBusy(null);
      }
    }
  };

  const fromDialog = async () => {
    setError(null);
    setMessage(null);
    setBusy('Choose a file…');
    try {
      const answer = await callApp('app.attachFile', { sourceId });
      if (answer) await added(answer.attachment.fileName, answer.deduplicated);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    void addFiles(Array.from(event.dataTransfer.files));
  };

  const errorId = `${inputId}-error`;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the button and the input do the same by keyboard
    <div
      className={`drop-zone${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="attach-row">
        {app.has('app.attachFile') ? (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void fromDialog()}>
            Attach file…
          </button>
        ) : (
          <>
            <input
              id={inputId}
              type="file"
              multiple
              className="visually-hidden-file"
              aria-label="Attach a file to this source"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              disabled={busy !== null}
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                void addFiles(files);
              }}
            />
            {/* The input itself is hidden but keeps the focus; this label is what is seen and clicked. */}
            <label htmlFor={inputId} className={`button file-button${busy ? ' is-disabled' : ''}`}>
              Attach file…
            </label>
          </>
        )}
        <span className="muted">or drop a file here. It is kept inside the case file, byte for byte.</span>
      </div>
      {busy && (
        <p className="status-line" role="status">
          {busy}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      {message && (
        <p className="verify-ok" role="status">
          {message}
        </p>
      )}
    </div>
  );
}

const fieldWords: Record<string, string> = {
  bytesBase64: 'the file',
  fileName: 'the file name',
  mediaType: 'the file type',
  sourceId: 'the source',
};

function AttachmentsTable({ attachments }: { attachments: Attachment[] }) {
  const app = useAppCapabilities();
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const set = (id: string, state: RowState) => setRows((r) => ({ ...r, [id]: state }));

  const verify = async (a: Attachment) => {
    set(a.id, { kind: 'verifying' });
    try {
      const result = await client.attachments.verify({ id: a.id });
      if (result.ok) set(a.id, { kind: 'intact' });
      else
        set(a.id, {
          kind: 'problem',
          message: result.problems.map((p) => p.message).join(' ') || 'It does not match its fingerprint.',
        });
    } catch (e) {
      set(a.id, { kind: 'error', message: (e as Error).message });
    }
  };

  const save = async (a: Attachment) => {
    try {
      if (app.has('app.saveAttachment')) {
        set(a.id, { kind: 'saving', percent: 0 });
        const saved = await callApp('app.saveAttachment', { id: a.id });
        set(
          a.id,
          saved
            ? { kind: 'saved', message: `Saved to ${saved.path}` }
            : { kind: 'saved', message: 'Not saved' },
        );
        return;
      }
      set(a.id, { kind: 'saving', percent: 0 });
      await saveAttachment(a, (done, total) =>
        set(a.id, { kind: 'saving', percent: total > 0 ? Math.round((done / total) * 100) : 100 }),
      );
      set(a.id, { kind: 'saved', message: 'Downloaded' });
    } catch (e) {
      set(a.id, { kind: 'error', message: (e as Error).message });
    }
  };

  return (
    <table className="table attachments-table">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Fingerprint</th>
          <th scope="col">Added by</th>
          <th scope="col">Added</th>
          <th scope="col">
            <span className="visually-hidden">Actions and checks</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {attachments.map((a) => {
          const state = rows[a.id];
          const short = a.sha256.slice(0, SHORT_HASH);
          return (
            <tr key={a.id}>
              <td className="attachment-name">{a.fileName}</td>
              <td>{a.mediaType}</td>
              <td className="num">{formatBytes(a.size)}</td>
              <td>
                <code className="hash" title={`sha256 ${a.sha256}`}>
                  {short}
                </code>
              </td>
              <td>{a.addedBy}</td>
              <td>
                <time dateTime={a.createdAt}>{formatTime(a.createdAt)}</time>
              </td>
              <td>
                <div className="attachment-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Verify ${a.fileName}`}
                    disabled={state?.kind === 'verifying'}
                    onClick={() => void verify(a)}
                  >
                    Verify
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Save ${a.fileName}`}
                    disabled={state?.kind === 'saving'}
                    onClick={() => void save(a)}
                  >
                    Save
                  </button>
                </div>
                <RowStatus state={state} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RowStatus({ state }: { state: RowState | undefined }) {
  return (
    <span role="status" className="attachment-status">
      {state?.kind === 'verifying' && 'Checking…'}
      {state?.kind === 'intact' && <span className="verify-ok">Intact</span>}
      {state?.kind === 'problem' && <span className="verify-bad">{state.message}</span>}
      {state?.kind === 'saving' && `Reading… ${state.percent}%`}
      {state?.kind === 'saved' && <span className="muted">{state.message}</span>}
      {state?.kind === 'error' && <span className="verify-bad">{state.message}</span>}
    </span>
  );
}
