// The Trash: what was removed, per kind, with who removed it, when and why; Restore brings a record
// back as it was (a claim with its evidence links), through records.restore — a new audited event.
import './trash.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type TrashItem, type TrashKind, trashKinds } from '../../../electron/schema/trash';
import { client } from '../client';
import { ErrorMessage, Loading } from '../components/status-message';
import { formatTime } from '../labels';
import { useApi } from '../queries';

const kindLabels: Record<TrashKind, { one: string; many: string }> = {
  claim: { one: 'claim', many: 'Claims' },
  source: { one: 'source', many: 'Sources' },
  evidence: { one: 'evidence', many: 'Evidence' },
  deal: { one: 'deal', many: 'Deals' },
  actor: { one: 'actor', many: 'Actors' },
};

function short(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function TrashView() {
  const [kind, setKind] = useState<TrashKind>('claim');
  const trash = useApi('trash.list', { kind, limit: 200 });
  return (
    <div className="trash-view">
      <header className="trash-head">
        <h1>Trash</h1>
        <p className="muted">
          Removed records are kept. Restore one to bring it back as it was; the removal and the restore both
          stay in the audit trail.
        </p>
      </header>
      <fieldset className="trash-kinds" aria-label="Kind">
        {trashKinds.map((k) => (
          <button
            key={k}
            type="button"
            className="button"
            aria-pressed={k === kind}
            onClick={() => setKind(k)}
          >
            {kindLabels[k].many}
          </button>
        ))}
      </fieldset>
      {trash.isPending && <Loading what="the Trash" />}
      {trash.error && <ErrorMessage error={trash.error} retry={() => void trash.refetch()} />}
      {trash.data && trash.data.items.length === 0 && (
        <p className="status-line">No removed {kindLabels[kind].many.toLowerCase()}.</p>
      )}
      {trash.data && trash.data.items.length > 0 && (
        <table className="trash-table" aria-label={`Removed ${kindLabels[kind].many.toLowerCase()}`}>
          <thead>
            <tr>
              <th scope="col">{kind === 'evidence' ? 'Excerpt' : 'Record'}</th>
              <th scope="col">Removed by</th>
              <th scope="col">When</th>
              <th scope="col">Why</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {trash.data.items.map((item) => (
              <TrashRow key={item.id} item={item} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TrashRow({ item }: { item: TrashItem }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noun = kindLabels[item.kind].one;
  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.records.restore({ kind: item.kind, id: item.id });
      // Lists, verdicts, counts and the audit trail all move with a restore.
      await queryClient.invalidateQueries();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <td>
        {short(item.title)}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>{item.removedBy ?? '—'}</td>
      <td>{formatTime(item.removedAt)}</td>
      <td>{item.reason ?? <span className="muted">No reason given</span>}</td>
      <td>
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={`Restore ${noun} “${short(item.title, 80)}”`}
          onClick={() => void restore()}
        >
          Restore
        </button>
      </td>
    </tr>
  );
}
